<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>ChangesDialog</name>
    <message>
        <source>Changes made by the assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything the assistant changed on this computer, newest first. Undo takes a change back exactly (files it replaced are restored); Undo all goes back in reverse order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo: no changes are recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstallPage</name>
    <message>
        <source>Install PyTorch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installs the planned packages into the chosen Python environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to install: no plan yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target Python: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch %1 is already installed in this build: you can go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed. Next: check that it works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install cancelled. pip was stopped; the environment is as pip left it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlannedPage</name>
    <message>
        <source>This step is not available in this preview yet: nothing on this page changes your computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cuDNN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for your own CUDA code: PyTorch&apos;s wheels bring their own cuDNN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the archive&apos;s cuDNN version and CUDA major and checks them against the toolkit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies the files with a journal and backups; any failure rolls back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every copied file can be undone later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes nvcc reachable from new terminals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the current PATH and the proposed change side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows: edits the user PATH in the registry directly, keeping every entry (the old command-line way cuts PATH at 1024 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linux and macOS: one clearly marked block in your shell profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo removes exactly what was added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report for a help request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste this into a forum post or an issue when you ask for help. Your user name, home folder and computer name have been replaced by &lt;user&gt;, ~ and &lt;host&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>System scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this PC has: operating system, Python, NVIDIA GPU and driver, CUDA, PyTorch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning your system…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan finished: 1 problem to look at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scan finished: %n problems to look at.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Scan finished: 1 warning, nothing blocking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scan finished: %n warnings, nothing blocking.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Scan finished: everything looks fine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install PyTorch &amp;into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Python environment that PyTorch is planned for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New environment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new virtual environment for PyTorch from the chosen Python.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install &amp;Miniforge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download and install Miniforge (conda-forge only, for this user, no administrator rights) when no Python here suits PyTorch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be examined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the new environment (it must not exist yet):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install Miniforge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Miniforge uses only the conda-forge channel; Anaconda&apos;s own channel has licence terms many organisations cannot accept. Install it in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing Miniforge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the environment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan failed: %1. Press Rescan to try again; the log has details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>PyTorch Setup Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A report of this computer, the plan and the log, to paste when asking for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything the assistant changed, with Undo for each change or for all.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusTable</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System scan results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Compatibility summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which PyTorch build fits this PC, and why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also install the CUDA toolkit (needed only to compile CUDA code with nvcc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Build:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Installer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest that fits (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best for this PC (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PyTorch build can be installed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended: PyTorch %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install command copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolkitPage</name>
    <message>
        <source>Download CUDA toolkit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only needed to compile CUDA code with nvcc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-user &amp;archives (no administrator rights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA&apos;s official &amp;installer (system-wide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download and &amp;install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops now and keeps what was downloaded; press the install button to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops now and deletes what was half downloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA&apos;s own installer, toolkit only (never the display driver). On Windows it installs into Program Files and asks for administrator rights; on Linux it installs into the folder below. The installer is checked against NVIDIA&apos;s published md5 before it runs, and the result is checked by running nvcc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA&apos;s redistributable archives for compiling CUDA code: nvcc, the CUDA runtime and headers (cudart, cccl), NVRTC and the libraries extensions link (cuBLAS, cuSPARSE, cuFFT, cuRAND, cuSOLVER). Installed for this user in a folder you choose: no administrator rights. Every file is checked against NVIDIA&apos;s sha256 before anything is unpacked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading NVIDIA&apos;s list of files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the list of files: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to download (about %2 installed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 needed, %3 free in %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough space: free some space or choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the CUDA toolkit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. What was downloaded is kept; press the install button to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nvcc %1 runs: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nvcc did not report its version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed in %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proves that PyTorch works, and explains what to fix when it does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Python environment to check: run the scan first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking PyTorch… (importing torch can take a while)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check itself failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch %1 works %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something is wrong: see the findings below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-planned: press Install to apply the fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fix&apos;s command was copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>preflight</name>
    <message>
        <source>non-English characters and spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>non-English characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows long paths are off: paths longer than 260 characters fail, and some packages of the PyTorch stack install files with long paths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temporary folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pip cache</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>Other Python environments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User folder name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OneDrive folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows long paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visual C++ runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User site-packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary folder space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pip cache space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WSL uses the Windows NVIDIA driver; do not install a Linux driver inside WSL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch stopped publishing Intel-Mac builds after 2.2.2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free disk space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free space could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tight for a CUDA build of PyTorch (about 5 GB installed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple silicon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch uses the GPU through MPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch will be installed for the CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NVIDIA driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the current NVIDIA driver for your GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not needed without an NVIDIA GPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA toolkit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not needed to run PyTorch: its wheels bring their own CUDA runtime. Needed only to compile CUDA code (nvcc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not needed for PyTorch: pip wheels bring their own cuDNN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not installed in the target Python yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CPU-only build is installed although this PC has an NVIDIA GPU.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
