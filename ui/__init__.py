"""All Qt code of PyTorch Setup Assistant: wizard, pages, the generic worker, widgets."""
