<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>ChangesDialog</name>
    <message>
        <source>PyTorch packages installed</source>
        <translation>PyTorch 패키지 설치</translation>
    </message>
    <message>
        <source>Python environment created</source>
        <translation>Python 환경 생성</translation>
    </message>
    <message>
        <source>Miniforge installed</source>
        <translation>Miniforge 설치</translation>
    </message>
    <message>
        <source>CUDA toolkit (archives)</source>
        <translation>CUDA 툴킷(압축 파일)</translation>
    </message>
    <message>
        <source>CUDA toolkit (NVIDIA installer)</source>
        <translation>CUDA 툴킷(NVIDIA 설치 프로그램)</translation>
    </message>
    <message>
        <source>cuDNN files copied</source>
        <translation>cuDNN 파일 복사</translation>
    </message>
    <message>
        <source>PATH registration</source>
        <translation>PATH 등록</translation>
    </message>
    <message>
        <source>Changes made by the assistant</source>
        <translation>도우미가 바꾼 내용</translation>
    </message>
    <message>
        <source>Everything the assistant changed on this computer, newest first. Undo takes a change back exactly (files it replaced are restored); Undo all goes back in reverse order.</source>
        <translation>도우미가 이 컴퓨터에서 바꾼 모든 내용입니다(최근 것부터). 되돌리기는 변경을 정확히 원래대로 돌립니다(교체한 파일도 복원). 모두 되돌리기는 역순으로 돌아갑니다.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>변경 목록</translation>
    </message>
    <message>
        <source>&amp;Undo selected</source>
        <translation>선택 항목 되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>Undo &amp;all</source>
        <translation>모두 되돌리기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete downloaded files</source>
        <translation>내려받은 파일 삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Frees the space; a later install or retry downloads them again.</source>
        <translation>공간을 비웁니다. 나중에 설치하거나 다시 시도하면 다시 내려받습니다.</translation>
    </message>
    <message>
        <source>Nothing to undo: no changes are recorded.</source>
        <translation>되돌릴 것이 없습니다: 기록된 변경이 없습니다.</translation>
    </message>
    <message>
        <source>Downloaded files kept for retries: %1 in %2</source>
        <translation>다시 시도용으로 보관한 내려받은 파일: %2에 %1</translation>
    </message>
    <message>
        <source>Deleting the downloaded files…</source>
        <translation>내려받은 파일을 지우는 중…</translation>
    </message>
    <message>
        <source>Deleted the downloaded files: %1 MB freed.</source>
        <translation>내려받은 파일을 지웠습니다: %1 MB 확보.</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>되돌리는 중…</translation>
    </message>
    <message>
        <source>Undone: %1.</source>
        <translation>되돌림: %1개.</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>되돌림</translation>
    </message>
</context>
<context>
    <name>CudnnPage</name>
    <message>
        <source>cuDNN</source>
        <translation>cuDNN</translation>
    </message>
    <message>
        <source>Only for your own CUDA code: PyTorch&apos;s wheels bring their own cuDNN.</source>
        <translation>직접 작성한 CUDA 코드에만 필요합니다. PyTorch wheel에는 cuDNN이 들어 있습니다.</translation>
    </message>
    <message>
        <source>CUDA toolkit folder</source>
        <translation>CUDA 툴킷 폴더</translation>
    </message>
    <message>
        <source>An archive I &amp;downloaded</source>
        <translation>내려받은 압축 파일(&amp;D)</translation>
    </message>
    <message>
        <source>cuDNN archive</source>
        <translation>cuDNN 압축 파일</translation>
    </message>
    <message>
        <source>cuDNN version</source>
        <translation>cuDNN 버전</translation>
    </message>
    <message>
        <source>CUDA &amp;toolkit:</source>
        <translation>CUDA 툴킷(&amp;T):</translation>
    </message>
    <message>
        <source>cuDNN from:</source>
        <translation>cuDNN 가져올 곳:</translation>
    </message>
    <message>
        <source>&amp;Archive:</source>
        <translation>압축 파일(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>버전(&amp;V):</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>복사할 위치</translation>
    </message>
    <message>
        <source>Existing file</source>
        <translation>기존 파일</translation>
    </message>
    <message>
        <source>Files to copy</source>
        <translation>복사할 파일</translation>
    </message>
    <message>
        <source>&amp;Copy into the toolkit</source>
        <translation>툴킷에 복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>Restores the toolkit exactly as it was before.</source>
        <translation>툴킷을 이전과 똑같이 되돌립니다.</translation>
    </message>
    <message>
        <source>Download &amp;from NVIDIA</source>
        <translation>NVIDIA에서 내려받기(&amp;F)</translation>
    </message>
    <message>
        <source>Copy as ad&amp;ministrator…</source>
        <translation>관리자 권한으로 복사(&amp;M)…</translation>
    </message>
    <message>
        <source>Windows asks for administrator rights for this step only.</source>
        <translation>Windows가 이 단계에만 관리자 권한을 요청합니다.</translation>
    </message>
    <message>
        <source>Choose the toolkit and the cuDNN archive.</source>
        <translation>툴킷과 cuDNN 압축 파일을 고르세요.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>읽는 중…</translation>
    </message>
    <message>
        <source>cuDNN %1 for CUDA %2: %3 MB, sha256 %4. Checked against the toolkit after the download.</source>
        <translation>CUDA %2용 cuDNN %1: %3 MB, sha256 %4. 다운로드 후 툴킷과 맞는지 확인합니다.</translation>
    </message>
    <message>
        <source>Archive: cuDNN %1 for CUDA %2. Toolkit: CUDA %3 at %4.</source>
        <translation>압축 파일: CUDA %2용 cuDNN %1. 툴킷: %4의 CUDA %3.</translation>
    </message>
    <message>
        <source>cuDNN %1 is there now; the files it replaces are backed up first.</source>
        <translation>지금 cuDNN %1이(가) 있습니다. 교체되는 파일은 먼저 백업합니다.</translation>
    </message>
    <message>
        <source>✔ They fit: %1 files, %2 replaced.</source>
        <translation>✔ 서로 맞습니다: 파일 %1개, 교체 %2개.</translation>
    </message>
    <message>
        <source>replaced (backed up)</source>
        <translation>교체(백업함)</translation>
    </message>
    <message>
        <source>new</source>
        <translation>새 파일</translation>
    </message>
    <message>
        <source>✔ cuDNN copied as administrator.</source>
        <translation>✔ 관리자 권한으로 cuDNN을 복사했습니다.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>작업 중…</translation>
    </message>
    <message>
        <source>Stopped; nothing changed.</source>
        <translation>중지했습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>✔ cuDNN %1 is in %2: %3 files added, %4 replaced (backed up).</source>
        <translation>✔ cuDNN %1을(를) %2에 넣었습니다: 추가 %3개, 교체 %4개(백업함).</translation>
    </message>
    <message>
        <source>✔ Undone: the toolkit is as it was before.</source>
        <translation>✔ 되돌렸습니다: 툴킷이 이전과 같습니다.</translation>
    </message>
    <message>
        <source>Nothing to undo: this copy was already undone.</source>
        <translation>되돌릴 것이 없습니다: 이 복사는 이미 되돌렸습니다.</translation>
    </message>
</context>
<context>
    <name>InstallPage</name>
    <message>
        <source>Install PyTorch</source>
        <translation>PyTorch 설치</translation>
    </message>
    <message>
        <source>Installs the planned packages into the chosen Python environment.</source>
        <translation>계획한 패키지를 선택한 Python 환경에 설치합니다.</translation>
    </message>
    <message>
        <source>Install command</source>
        <translation>설치 명령</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>설치(&amp;I)</translation>
    </message>
    <message>
        <source>Cance&amp;l install</source>
        <translation>설치 취소(&amp;L)</translation>
    </message>
    <message>
        <source>Nothing to install: no plan yet.</source>
        <translation>설치할 것이 없습니다: 아직 계획이 없습니다.</translation>
    </message>
    <message>
        <source>Target Python: %1</source>
        <translation>대상 Python: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>PyTorch %1 is already installed in this build: you can go on.</source>
        <translation>PyTorch %1이(가) 이 빌드로 이미 설치되어 있습니다. 다음으로 넘어가세요.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Installed. Next: check that it works.</source>
        <translation>설치했습니다. 다음: 제대로 동작하는지 확인합니다.</translation>
    </message>
    <message>
        <source>Install cancelled: pip was stopped. Reading what it left in the environment…</source>
        <translation>설치를 취소했습니다: pip를 중지했습니다. 환경에 남은 내용을 읽는 중…</translation>
    </message>
    <message>
        <source>Install cancelled. This environment has no PyTorch now.</source>
        <translation>설치를 취소했습니다. 이제 이 환경에는 PyTorch가 없습니다.</translation>
    </message>
    <message>
        <source>Install cancelled. PyTorch in this environment now: %1.</source>
        <translation>설치를 취소했습니다. 지금 이 환경의 PyTorch: %1.</translation>
    </message>
    <message>
        <source>Installed before with: %1</source>
        <translation>이전에 설치한 명령: %1</translation>
    </message>
    <message>
        <source>Failed before: %1</source>
        <translation>이전에 실패한 명령: %1</translation>
    </message>
    <message>
        <source>Stopped before: %1</source>
        <translation>이전에 중지한 명령: %1</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <source>… {count} lines not shown (all are in the log file)</source>
        <translation>… {count}줄 생략(전체 내용은 로그 파일에 있습니다)</translation>
    </message>
    <message>
        <source>… {count} lines not shown</source>
        <translation>… {count}줄 생략</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <source>Log</source>
        <translation>로그</translation>
    </message>
    <message>
        <source>Hide log</source>
        <translation>로그 숨기기</translation>
    </message>
    <message>
        <source>Show log</source>
        <translation>로그 보기</translation>
    </message>
</context>
<context>
    <name>NewEnvDialog</name>
    <message>
        <source>New environment</source>
        <translation>새 환경</translation>
    </message>
    <message>
        <source>PyTorch gets a Python environment of its own, so it cannot break your other projects. Choose where it goes and which Python it uses.</source>
        <translation>PyTorch 전용 Python 환경을 만들므로 다른 프로젝트가 망가지지 않습니다. 환경을 둘 위치와 사용할 Python을 고르세요.</translation>
    </message>
    <message>
        <source>Folder for the new environment</source>
        <translation>새 환경을 둘 폴더</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>Python for the new environment</source>
        <translation>새 환경에 쓸 Python</translation>
    </message>
    <message>
        <source>Python %1 (%2) — %3</source>
        <translation>Python %1 (%2) — %3</translation>
    </message>
    <message>
        <source>Download a current Python with Miniforge (conda-forge) into this folder</source>
        <translation>Miniforge(conda-forge)로 최신 Python을 이 폴더에 내려받기</translation>
    </message>
    <message>
        <source>&amp;Folder (new, or empty):</source>
        <translation>폴더(새 폴더 또는 빈 폴더)(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Python:</source>
        <translation>Python(&amp;P):</translation>
    </message>
    <message>
        <source>Why the environment cannot be created there</source>
        <translation>그 위치에 환경을 만들 수 없는 이유</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>만들기(&amp;C)</translation>
    </message>
    <message>
        <source>No Python on this computer suits current PyTorch, and Miniforge has no installer for it: install Python 3.10 or newer from python.org first.</source>
        <translation>이 컴퓨터에는 현재 PyTorch에 맞는 Python이 없고, Miniforge에도 이 컴퓨터용 설치 프로그램이 없습니다: 먼저 python.org에서 Python 3.10 이상을 설치하세요.</translation>
    </message>
    <message>
        <source>Where the new environment goes</source>
        <translation>새 환경을 둘 위치</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Browse for %1</source>
        <translation>%1 찾아보기</translation>
    </message>
</context>
<context>
    <name>PathPage</name>
    <message>
        <source>PATH registration</source>
        <translation>PATH 등록</translation>
    </message>
    <message>
        <source>Makes nvcc reachable from new terminals.</source>
        <translation>새 터미널에서 nvcc를 찾을 수 있게 합니다.</translation>
    </message>
    <message>
        <source>CUDA toolkit folder</source>
        <translation>CUDA 툴킷 폴더</translation>
    </message>
    <message>
        <source>CUDA &amp;toolkit:</source>
        <translation>CUDA 툴킷(&amp;T):</translation>
    </message>
    <message>
        <source>PATH now</source>
        <translation>지금의 PATH</translation>
    </message>
    <message>
        <source>PATH after the change</source>
        <translation>바꾼 뒤의 PATH</translation>
    </message>
    <message>
        <source>PATH n&amp;ow</source>
        <translation>지금의 PATH(&amp;O)</translation>
    </message>
    <message>
        <source>PATH &amp;after (＋ added)</source>
        <translation>바꾼 뒤의 PATH(＋ 추가)(&amp;A)</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>적용(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>되돌리기(&amp;U)</translation>
    </message>
    <message>
        <source>Takes back exactly what was added, nothing else.</source>
        <translation>추가한 것만 정확히 되돌리고 다른 것은 건드리지 않습니다.</translation>
    </message>
    <message>
        <source>Choose the CUDA toolkit folder (the one holding bin).</source>
        <translation>CUDA 툴킷 폴더(bin이 들어 있는 폴더)를 고르세요.</translation>
    </message>
    <message>
        <source>Where: %1</source>
        <translation>바뀌는 곳: %1</translation>
    </message>
    <message>
        <source>Added by this change</source>
        <translation>이 변경으로 추가됨</translation>
    </message>
    <message>
        <source>(now: %1)</source>
        <translation>(지금: %1)</translation>
    </message>
    <message>
        <source>Already registered: nothing to change.</source>
        <translation>이미 등록되어 있습니다: 바꿀 것이 없습니다.</translation>
    </message>
    <message>
        <source>✔ Registered. Open a new terminal to use nvcc.</source>
        <translation>✔ 등록했습니다. nvcc를 쓰려면 새 터미널을 여세요.</translation>
    </message>
    <message>
        <source>✔ Undone: PATH is as it was before.</source>
        <translation>✔ 되돌렸습니다: PATH가 이전과 같습니다.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>작업 중…</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report for a help request</source>
        <translation>도움 요청용 보고서</translation>
    </message>
    <message>
        <source>Paste this into a forum post or an issue when you ask for help. Your user name, home folder and computer name have been replaced by &lt;user&gt;, ~ and &lt;host&gt;.</source>
        <translation>도움을 요청할 때 이 내용을 게시판 글이나 이슈에 붙여 넣으세요. 사용자 이름, 홈 폴더, 컴퓨터 이름은 &lt;user&gt;, ~, &lt;host&gt;로 바꿔 두었습니다.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>클립보드에 복사했습니다.</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>보고서 저장</translation>
    </message>
    <message>
        <source>Could not save the report: %1</source>
        <translation>보고서를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>System scan</source>
        <translation>시스템 검사</translation>
    </message>
    <message>
        <source>What this PC has: operating system, Python, GPUs (NVIDIA, AMD, Intel, Apple) and drivers, CUDA, PyTorch.</source>
        <translation>이 PC에 있는 것: 운영체제, Python, GPU(NVIDIA, AMD, Intel, Apple)와 드라이버, CUDA, PyTorch.</translation>
    </message>
    <message>
        <source>&amp;Rescan</source>
        <translation>다시 검사(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>중지(&amp;S)</translation>
    </message>
    <message>
        <source>Stop making the environment; what was made of it is removed.</source>
        <translation>환경 만들기를 중지합니다. 그때까지 만든 부분은 지웁니다.</translation>
    </message>
    <message>
        <source>Scanning your system…</source>
        <translation>시스템을 검사하는 중…</translation>
    </message>
    <message>
        <source>Scan finished: 1 problem to look at.</source>
        <translation>검사 완료: 살펴볼 문제 1개.</translation>
    </message>
    <message numerus="yes">
        <source>Scan finished: %n problems to look at.</source>
        <translation>
            <numerusform>검사 완료: 살펴볼 문제 %n개.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan finished: 1 warning, nothing blocking.</source>
        <translation>검사 완료: 경고 1개, 막는 문제는 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Scan finished: %n warnings, nothing blocking.</source>
        <translation>
            <numerusform>검사 완료: 경고 %n개, 막는 문제는 없습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan finished: everything looks fine.</source>
        <translation>검사 완료: 모두 괜찮아 보입니다.</translation>
    </message>
    <message>
        <source>No Python environment here suits PyTorch yet: create one (New environment…) to go on.</source>
        <translation>아직 여기에는 PyTorch에 맞는 Python 환경이 없습니다: 계속하려면 환경을 만드세요(새 환경…).</translation>
    </message>
    <message>
        <source>Install PyTorch &amp;into:</source>
        <translation>PyTorch 설치 위치(&amp;I):</translation>
    </message>
    <message>
        <source>The Python environment that PyTorch is planned for.</source>
        <translation>PyTorch를 설치할 Python 환경입니다.</translation>
    </message>
    <message>
        <source>New en&amp;vironment…</source>
        <translation>새 환경(&amp;V)…</translation>
    </message>
    <message>
        <source>Create a new virtual environment for PyTorch from the chosen Python.</source>
        <translation>선택한 Python으로 PyTorch용 새 가상 환경을 만듭니다.</translation>
    </message>
    <message>
        <source>Install &amp;Miniforge…</source>
        <translation>Miniforge 설치(&amp;M)…</translation>
    </message>
    <message>
        <source>Download and install Miniforge (conda-forge only, for this user, no administrator rights) when no Python here suits PyTorch.</source>
        <translation>이 컴퓨터에 PyTorch에 맞는 Python이 없을 때 Miniforge(conda-forge 전용, 이 사용자용, 관리자 권한 불필요)를 내려받아 설치합니다.</translation>
    </message>
    <message>
        <source>A new environment (nothing here suits PyTorch yet): create it…</source>
        <translation>새 환경(아직 PyTorch에 맞는 환경이 없음): 만들기…</translation>
    </message>
    <message>
        <source>could not be examined</source>
        <translation>확인할 수 없음</translation>
    </message>
    <message>
        <source>Install Miniforge</source>
        <translation>Miniforge 설치</translation>
    </message>
    <message>
        <source>Miniforge uses only the conda-forge channel; Anaconda&apos;s own channel has licence terms many organisations cannot accept. Install it in:</source>
        <translation>Miniforge는 conda-forge 채널만 씁니다. Anaconda 자체 채널은 많은 기관이 받아들일 수 없는 라이선스 조건이 있습니다. 설치할 위치:</translation>
    </message>
    <message>
        <source>Installing Miniforge…</source>
        <translation>Miniforge를 설치하는 중…</translation>
    </message>
    <message>
        <source>Creating the environment…</source>
        <translation>환경을 만드는 중…</translation>
    </message>
    <message>
        <source>The environment could not be created: %1</source>
        <translation>환경을 만들지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Cancelled: what was made of the new environment has been removed.</source>
        <translation>취소했습니다: 새 환경에서 만들어진 부분은 지웠습니다.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>%1을(를) 만들었습니다</translation>
    </message>
    <message>
        <source>Target environment: %1</source>
        <translation>대상 환경: %1</translation>
    </message>
    <message>
        <source>The scan failed: %1. Press Rescan to try again; the log has details.</source>
        <translation>검사에 실패했습니다: %1. 다시 검사를 눌러 다시 시도하세요. 자세한 내용은 로그에 있습니다.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>PyTorch Setup Assistant</source>
        <translation>PyTorch 설치 도우미</translation>
    </message>
    <message>
        <source>R&amp;eport…</source>
        <translation>보고서(&amp;E)…</translation>
    </message>
    <message>
        <source>Undo c&amp;hanges…</source>
        <translation>변경 되돌리기(&amp;H)…</translation>
    </message>
    <message>
        <source>A report of this computer, the plan and the log, to paste when asking for help.</source>
        <translation>도움을 요청할 때 붙여 넣을 보고서: 이 컴퓨터, 설치 계획, 로그.</translation>
    </message>
    <message>
        <source>Everything the assistant changed, with Undo for each change or for all.</source>
        <translation>도우미가 바꾼 모든 내용. 하나씩 또는 모두 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>An install is running.</source>
        <translation>설치가 진행 중입니다.</translation>
    </message>
    <message>
        <source>The CUDA toolkit is being downloaded or installed.</source>
        <translation>CUDA 툴킷을 내려받거나 설치하는 중입니다.</translation>
    </message>
    <message>
        <source>cuDNN is being set up.</source>
        <translation>cuDNN을 설정하는 중입니다.</translation>
    </message>
    <message>
        <source>PATH is being changed.</source>
        <translation>PATH를 바꾸는 중입니다.</translation>
    </message>
    <message>
        <source>A Python environment is being created.</source>
        <translation>Python 환경을 만드는 중입니다.</translation>
    </message>
    <message>
        <source>Changes are being undone.</source>
        <translation>변경을 되돌리는 중입니다.</translation>
    </message>
    <message>
        <source>Stop it and quit?</source>
        <translation>중지하고 종료할까요?</translation>
    </message>
    <message>
        <source>Stop it and go back?</source>
        <translation>중지하고 이전 단계로 돌아갈까요?</translation>
    </message>
    <message>
        <source>A fix is changing the PyTorch environment.</source>
        <translation>PyTorch 환경을 고치는 중입니다.</translation>
    </message>
</context>
<context>
    <name>StatusTable</name>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>찾은 것</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>System scan results</source>
        <translation>시스템 검사 결과</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Compatibility summary</source>
        <translation>호환성 요약</translation>
    </message>
    <message>
        <source>Which PyTorch build fits this PC, and why.</source>
        <translation>이 PC에 맞는 PyTorch 빌드와 그 이유.</translation>
    </message>
    <message>
        <source>Install command</source>
        <translation>설치 명령</translation>
    </message>
    <message>
        <source>Copy &amp;command</source>
        <translation>명령 복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save plan…</source>
        <translation>계획 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save this plan as a file, to install the same PyTorch on other PCs.</source>
        <translation>이 계획을 파일로 저장해 다른 PC에도 같은 PyTorch를 설치합니다.</translation>
    </message>
    <message>
        <source>Checked by pip</source>
        <translation>pip 확인 결과</translation>
    </message>
    <message>
        <source>Also install the CUDA toolkit (needed only to compile CUDA code with nvcc)</source>
        <translation>CUDA 툴킷도 설치(nvcc로 CUDA 코드를 컴파일할 때만 필요)</translation>
    </message>
    <message>
        <source>Alternatives</source>
        <translation>다른 선택</translation>
    </message>
    <message>
        <source>PyTorch &amp;version:</source>
        <translation>PyTorch 버전(&amp;V):</translation>
    </message>
    <message>
        <source>B&amp;uild:</source>
        <translation>빌드(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Installer:</source>
        <translation>설치 도구(&amp;I):</translation>
    </message>
    <message>
        <source>Newest that fits (recommended)</source>
        <translation>맞는 것 중 최신(권장)</translation>
    </message>
    <message>
        <source>Best for this PC (recommended)</source>
        <translation>이 PC에 가장 좋은 것(권장)</translation>
    </message>
    <message>
        <source>Checking the command with pip (a dry run)…</source>
        <translation>pip로 명령을 확인하는 중(시험 실행)…</translation>
    </message>
    <message>
        <source>pip confirmed this command (dry run).</source>
        <translation>pip가 이 명령을 확인했습니다(시험 실행).</translation>
    </message>
    <message>
        <source>pip cannot install this: %1</source>
        <translation>pip가 이것을 설치할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Not confirmed by pip: %1</source>
        <translation>pip로 확인하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Not confirmed by pip: the dry run failed.</source>
        <translation>pip로 확인하지 못했습니다: 시험 실행이 실패했습니다.</translation>
    </message>
    <message>
        <source>No PyTorch build can be installed yet.</source>
        <translation>아직 설치할 수 있는 PyTorch 빌드가 없습니다.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>할 일:</translation>
    </message>
    <message>
        <source>Recommended: PyTorch %1, %2</source>
        <translation>권장: PyTorch %1, %2</translation>
    </message>
    <message>
        <source>Set this wherever PyTorch runs: %1</source>
        <translation>PyTorch를 실행하는 모든 곳에서 이것을 설정하세요: %1</translation>
    </message>
    <message>
        <source>Watch out</source>
        <translation>주의</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>Install the NVIDIA driver first: without it PyTorch cannot use the GPU.</source>
        <translation>먼저 NVIDIA 드라이버를 설치하세요: 드라이버가 없으면 PyTorch가 GPU를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver first: it holds back newer PyTorch builds.</source>
        <translation>먼저 NVIDIA 드라이버를 업데이트하세요: 지금 드라이버로는 더 새 PyTorch 빌드를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Install command copied to the clipboard.</source>
        <translation>설치 명령을 클립보드에 복사했습니다.</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>계획 저장</translation>
    </message>
    <message>
        <source>Plan files (*.json);;All files (*)</source>
        <translation>계획 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Saving the plan…</source>
        <translation>계획을 저장하는 중…</translation>
    </message>
    <message>
        <source>Plan saved: %1</source>
        <translation>계획을 저장했습니다: %1</translation>
    </message>
    <message>
        <source>Apply it on another PC with: %1</source>
        <translation>다른 PC에서 적용하는 명령: %1</translation>
    </message>
</context>
<context>
    <name>ToolkitPage</name>
    <message>
        <source>Download CUDA toolkit</source>
        <translation>CUDA 툴킷 다운로드</translation>
    </message>
    <message>
        <source>Only needed to compile CUDA code with nvcc.</source>
        <translation>nvcc로 CUDA 코드를 컴파일할 때만 필요합니다.</translation>
    </message>
    <message>
        <source>Per-user &amp;archives (no administrator rights)</source>
        <translation>사용자별 압축 파일(관리자 권한 불필요)(&amp;A)</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s official &amp;installer (system-wide)</source>
        <translation>NVIDIA 공식 설치 프로그램(시스템 전체)(&amp;I)</translation>
    </message>
    <message>
        <source>CUDA &amp;version:</source>
        <translation>CUDA 버전(&amp;V):</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>방법:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>폴더(&amp;F):</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>체크섬</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <source>Files to download</source>
        <translation>내려받을 파일</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>Stops now and keeps what was downloaded; press the install button to resume.</source>
        <translation>지금 멈추고 내려받은 부분은 남겨 둡니다. 이어 받으려면 설치 버튼을 누르세요.</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>다운로드 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Stops now and deletes what was half downloaded.</source>
        <translation>지금 멈추고 반쯤 내려받은 파일을 지웁니다.</translation>
    </message>
    <message>
        <source>Overall progress</source>
        <translation>전체 진행</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s own installer, toolkit only (never the display driver). On Windows it installs into Program Files and asks for administrator rights; on Linux it installs into the folder below. The installer is checked against NVIDIA&apos;s published md5 before it runs, and the result is checked by running nvcc.</source>
        <translation>NVIDIA 자체 설치 프로그램으로 툴킷만 설치합니다(디스플레이 드라이버는 설치하지 않음). Windows에서는 Program Files에 설치하며 관리자 권한을 요청하고, Linux에서는 아래 폴더에 설치합니다. 실행 전에 NVIDIA가 공개한 md5로 설치 프로그램을 확인하고, 설치 후에는 nvcc를 실행해 결과를 확인합니다.</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s redistributable archives for compiling CUDA code: nvcc, the CUDA runtime and headers (cudart, cccl), NVRTC and the libraries extensions link (cuBLAS, cuSPARSE, cuFFT, cuRAND, cuSOLVER). Installed for this user in a folder you choose: no administrator rights. Every file is checked against NVIDIA&apos;s sha256 before anything is unpacked.</source>
        <translation>CUDA 코드 컴파일용 NVIDIA 재배포 압축 파일: nvcc, CUDA 런타임과 헤더(cudart, cccl), NVRTC, 확장 모듈이 링크하는 라이브러리(cuBLAS, cuSPARSE, cuFFT, cuRAND, cuSOLVER). 고른 폴더에 이 사용자용으로 설치하므로 관리자 권한이 필요 없습니다. 압축을 풀기 전에 모든 파일을 NVIDIA의 sha256으로 확인합니다.</translation>
    </message>
    <message>
        <source>Reading NVIDIA&apos;s list of files…</source>
        <translation>NVIDIA의 파일 목록을 읽는 중…</translation>
    </message>
    <message>
        <source>Could not read the list of files: %1</source>
        <translation>파일 목록을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>%1 to download (about %2 installed).</source>
        <translation>내려받을 크기 %1(설치 후 약 %2).</translation>
    </message>
    <message>
        <source>%1 %2 needed, %3 free in %4.</source>
        <translation>%1 %4: 필요 %2, 남은 공간 %3.</translation>
    </message>
    <message>
        <source>Not enough space: free some space or choose another folder.</source>
        <translation>공간이 부족합니다: 공간을 비우거나 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>Folder for the CUDA toolkit</source>
        <translation>CUDA 툴킷 폴더</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Cancelling: deleting the partly downloaded files…</source>
        <translation>취소하는 중: 일부만 내려받은 파일을 지우는 중…</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was installed.</source>
        <translation>취소했습니다. 아무것도 설치하지 않았습니다.</translation>
    </message>
    <message>
        <source>Paused. What was downloaded is kept; press the install button to resume.</source>
        <translation>일시 정지했습니다. 내려받은 부분은 남아 있습니다. 이어 받으려면 설치 버튼을 누르세요.</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>찾아보기(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Download and install</source>
        <translation>내려받아 설치(&amp;D)</translation>
    </message>
    <message>
        <source>nvcc %1 runs: %2</source>
        <translation>nvcc %1 실행됨: %2</translation>
    </message>
    <message>
        <source>nvcc did not report its version: %1</source>
        <translation>nvcc가 버전을 알려 주지 않았습니다: %1</translation>
    </message>
    <message>
        <source>Installed in %1.</source>
        <translation>%1에 설치했습니다.</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Verify</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Proves that PyTorch works, and explains what to fix when it does not.</source>
        <translation>PyTorch가 동작하는지 확인하고, 동작하지 않으면 무엇을 고쳐야 하는지 알려 줍니다.</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>다시 확인(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>보고서 복사(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>보고서 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>No Python environment to check: run the scan first.</source>
        <translation>확인할 Python 환경이 없습니다: 먼저 검사를 실행하세요.</translation>
    </message>
    <message>
        <source>Checking PyTorch… (importing torch can take a while)</source>
        <translation>PyTorch 확인 중… (torch를 불러오는 데 시간이 걸릴 수 있습니다)</translation>
    </message>
    <message>
        <source>The check itself failed: %1</source>
        <translation>확인 작업 자체가 실패했습니다: %1</translation>
    </message>
    <message>
        <source>on the GPU</source>
        <translation>GPU에서</translation>
    </message>
    <message>
        <source>on the CPU</source>
        <translation>CPU에서</translation>
    </message>
    <message>
        <source>PyTorch %1 works %2.</source>
        <translation>PyTorch %1이(가) %2 동작합니다.</translation>
    </message>
    <message>
        <source>Warning: %1 (see below).</source>
        <translation>경고: %1(아래 참고).</translation>
    </message>
    <message numerus="yes">
        <source>What to do is below, with %n more problem(s).</source>
        <translation>
            <numerusform>할 일은 아래에 있습니다. 다른 문제도 %n개 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>What to do is below.</source>
        <translation>할 일은 아래에 있습니다.</translation>
    </message>
    <message>
        <source>Something is wrong: see the findings below.</source>
        <translation>문제가 있습니다: 아래 확인 결과를 보세요.</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>Re-planned: press Install to apply the fix.</source>
        <translation>계획을 다시 세웠습니다: 해결 방법을 적용하려면 설치를 누르세요.</translation>
    </message>
    <message>
        <source>The fix&apos;s command was copied to the clipboard.</source>
        <translation>해결 명령을 클립보드에 복사했습니다.</translation>
    </message>
    <message>
        <source>Running the fix: %1</source>
        <translation>해결 방법 실행 중: %1</translation>
    </message>
    <message>
        <source>The fix ran; checking PyTorch again…</source>
        <translation>해결 방법을 실행했습니다. PyTorch를 다시 확인하는 중…</translation>
    </message>
    <message>
        <source>The fix was stopped before it finished.</source>
        <translation>해결 방법이 끝나기 전에 중지되었습니다.</translation>
    </message>
    <message>
        <source>it ran out of time</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>종료 코드 %1</translation>
    </message>
    <message>
        <source>it could not start</source>
        <translation>시작할 수 없음</translation>
    </message>
    <message>
        <source>✖ “%1” failed (%2): %3</source>
        <translation>✖ “%1” 실패(%2): %3</translation>
    </message>
    <message>
        <source>Yet the check no longer finds that problem.</source>
        <translation>그래도 다시 확인하니 그 문제는 더 이상 나타나지 않습니다.</translation>
    </message>
    <message>
        <source>The problem is still there; the log shows the command&apos;s output.</source>
        <translation>문제가 아직 남아 있습니다. 명령의 출력은 로그에서 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>✔ “%1” worked: the check no longer finds that problem.</source>
        <translation>✔ “%1” 성공: 다시 확인하니 그 문제가 더 이상 나타나지 않습니다.</translation>
    </message>
    <message>
        <source>✖ “%1” ran, but it did not fix the problem: %2.</source>
        <translation>✖ “%1”을(를) 실행했지만 문제가 해결되지 않았습니다: %2.</translation>
    </message>
    <message>
        <source>Report copied to the clipboard.</source>
        <translation>보고서를 클립보드에 복사했습니다.</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>보고서 저장</translation>
    </message>
    <message>
        <source>Could not save the report: %1</source>
        <translation>보고서를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>%1에 보고서를 저장했습니다</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>exit code {code}</source>
        <translation>종료 코드 {code}</translation>
    </message>
    <message>
        <source>{what} as administrator failed: {reason}</source>
        <translation>관리자 권한으로 실행한 {what} 작업이 실패했습니다: {reason}</translation>
    </message>
    <message>
        <source>the step as administrator ended without a result (last output: {last})</source>
        <translation>관리자 권한으로 실행한 단계가 결과 없이 끝났습니다(마지막 출력: {last})</translation>
    </message>
    <message>
        <source>Asking for administrator rights is only done on Windows.</source>
        <translation>관리자 권한 요청은 Windows에서만 합니다.</translation>
    </message>
    <message>
        <source>Administrator rights were not given: nothing was changed.</source>
        <translation>관리자 권한을 받지 못했습니다: 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not start the step as administrator (error {error}).</source>
        <translation>이 단계를 관리자 권한으로 시작하지 못했습니다(오류 {error}).</translation>
    </message>
    <message>
        <source>Could not start the step as administrator (no process).</source>
        <translation>관리자 권한으로 단계를 시작할 수 없습니다(프로세스 없음).</translation>
    </message>
    <message>
        <source>Choose a cuDNN archive or a version to download.</source>
        <translation>cuDNN 아카이브를 고르거나 내려받을 버전을 고르세요.</translation>
    </message>
    <message>
        <source>Copying cuDNN failed and {failures} file(s) could not be put back ({failures2}): run &apos;undo --last&apos; to retry; backups are in {backups}.</source>
        <translation>cuDNN 복사가 실패했고 파일 {failures}개를 되돌리지 못했습니다({failures2}): &apos;undo --last&apos;를 실행해 다시 시도하세요. 백업은 {backups}에 있습니다.</translation>
    </message>
    <message>
        <source>Copying cuDNN failed ({value}); {toolkit} was put back as it was. Fix the cause, then try again.</source>
        <translation>cuDNN 복사가 실패했습니다({value}). {toolkit}은(는) 원래대로 되돌렸습니다. 원인을 해결한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Undoing cuDNN stopped at {value} ({value2}): fix that (close programs using CUDA, or run as administrator), then undo again.</source>
        <translation>cuDNN 되돌리기가 {value}에서 멈췄습니다({value2}): 원인을 해결한 뒤(CUDA를 쓰는 프로그램을 닫거나 관리자 권한으로 실행) 다시 되돌리세요.</translation>
    </message>
    <message>
        <source>{path} does not exist: choose the cuDNN archive you downloaded.</source>
        <translation>{path}이(가) 없습니다: 내려받은 cuDNN 압축 파일을 고르세요.</translation>
    </message>
    <message>
        <source>{name} is damaged, incomplete or not a .zip/.tar.xz archive ({_why}): download it again.</source>
        <translation>{name}은(는) 손상되었거나 불완전하거나 .zip/.tar.xz 압축 파일이 아닙니다({_why}): 다시 내려받으세요.</translation>
    </message>
    <message>
        <source>{name} has no include/cudnn_version.h or include/cudnn.h with a version: it is not a cuDNN archive; download cuDNN from NVIDIA.</source>
        <translation>{name}에는 버전이 적힌 include/cudnn_version.h나 include/cudnn.h가 없습니다: cuDNN 압축 파일이 아닙니다. NVIDIA에서 cuDNN을 내려받으세요.</translation>
    </message>
    <message>
        <source>{archive} has an entry outside its folder ({name}): it is refused; download cuDNN from NVIDIA again.</source>
        <translation>{archive}에 폴더 밖을 가리키는 항목({name})이 있어 거부합니다. NVIDIA에서 cuDNN을 다시 내려받으세요.</translation>
    </message>
    <message>
        <source>{name} holds a device or pipe entry ({name2}): it is not a cuDNN archive from NVIDIA; download it again.</source>
        <translation>{name}에 장치나 파이프 항목({name2})이 있습니다: NVIDIA의 cuDNN 압축 파일이 아닙니다. 다시 내려받으세요.</translation>
    </message>
    <message>
        <source>{name} has a link that points outside its folder ({name2} → {link}): it is refused; download cuDNN from NVIDIA again.</source>
        <translation>{name}에 폴더 밖을 가리키는 링크({name2} → {link})가 있어 거부합니다. NVIDIA에서 cuDNN을 다시 내려받으세요.</translation>
    </message>
    <message>
        <source>{name} could not be unpacked ({_why}): it is damaged; download it again. Nothing was changed.</source>
        <translation>{name}의 압축을 풀지 못했습니다({_why}): 손상되었습니다. 다시 내려받으세요. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>This Python cannot unpack archives safely; use Python 3.11.4 or newer.</source>
        <translation>이 Python은 압축 파일을 안전하게 풀 수 없습니다. Python 3.11.4 이상을 쓰세요.</translation>
    </message>
    <message>
        <source>{name} has an unsafe entry ({error}): it is refused; download cuDNN from NVIDIA again.</source>
        <translation>{name}에 안전하지 않은 항목({error})이 있어 거부합니다. NVIDIA에서 cuDNN을 다시 내려받으세요.</translation>
    </message>
    <message>
        <source>No cuDNN {version} release is known (known: {known}); give a full release label such as 9.13.0.</source>
        <translation>cuDNN {version} 릴리스를 알지 못합니다(아는 것: {known}). 9.13.0처럼 전체 릴리스 이름을 적으세요.</translation>
    </message>
    <message>
        <source>NVIDIA publishes no cuDNN archives for {platform}.</source>
        <translation>NVIDIA는 {platform}용 cuDNN 압축 파일을 내놓지 않습니다.</translation>
    </message>
    <message>
        <source>This cuDNN release has no build for {platform}: choose another one.</source>
        <translation>이 cuDNN 릴리스에는 {platform}용 빌드가 없습니다: 다른 릴리스를 고르세요.</translation>
    </message>
    <message>
        <source>cuDNN {get} has no build for CUDA {cuda_major} on {platform} (it has: CUDA {value}): choose another release.</source>
        <translation>cuDNN {get}에는 {platform}의 CUDA {cuda_major}용 빌드가 없습니다(있는 것: CUDA {value}): 다른 릴리스를 고르세요.</translation>
    </message>
    <message>
        <source>The cuDNN manifest&apos;s path is unsafe ({relative}): it is refused.</source>
        <translation>cuDNN 목록의 경로가 안전하지 않아({relative}) 거부합니다.</translation>
    </message>
    <message>
        <source>The cuDNN manifest gives no sha256 for the archive: it is refused.</source>
        <translation>cuDNN 목록에 압축 파일의 sha256이 없어 거부합니다.</translation>
    </message>
    <message>
        <source>The cuDNN manifest gives no size for the archive: it is refused.</source>
        <translation>cuDNN 목록에 압축 파일의 크기가 없어 거부합니다.</translation>
    </message>
    <message>
        <source>{toolkit} is not a CUDA toolkit (no version found in it).</source>
        <translation>{toolkit}은(는) CUDA 툴킷이 아닙니다(버전 정보가 없습니다).</translation>
    </message>
    <message>
        <source>{url} is not a cuDNN manifest (not JSON).</source>
        <translation>{url}은(는) cuDNN 목록이 아닙니다(JSON이 아님).</translation>
    </message>
    <message>
        <source>{url} is not a cuDNN manifest.</source>
        <translation>{url}은(는) cuDNN 목록이 아닙니다.</translation>
    </message>
    <message>
        <source>Not enough free space in {folder}: {value} GB needed, {value2} GB free. Free some space first.</source>
        <translation>{folder}의 공간이 부족합니다: {value} GB 필요, {value2} GB 남음. 먼저 공간을 비우세요.</translation>
    </message>
    <message>
        <source>{dest} is a folder where cuDNN has a file: move it away, then try again.</source>
        <translation>{dest}은(는) cuDNN 파일이 들어갈 자리에 있는 폴더입니다: 옮긴 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>{name} has two files for {dest}: it is not a cuDNN archive from NVIDIA.</source>
        <translation>{name}에 {dest}용 파일이 두 개 있습니다: NVIDIA의 cuDNN 압축 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>{toolkit} does not exist: choose the CUDA toolkit folder (the one with bin, include and lib).</source>
        <translation>{toolkit}이(가) 없습니다: CUDA 툴킷 폴더(bin, include, lib가 있는 폴더)를 고르세요.</translation>
    </message>
    <message>
        <source>{toolkit} has no version.json, version.txt, bin/nvcc or include/cuda.h: it is not a CUDA toolkit folder; choose the folder of the toolkit (e.g. CUDA/v12.6).</source>
        <translation>{toolkit}에는 version.json, version.txt, bin/nvcc, include/cuda.h가 없습니다: CUDA 툴킷 폴더가 아닙니다. 툴킷 폴더(예: CUDA/v12.6)를 고르세요.</translation>
    </message>
    <message>
        <source>cuDNN cannot be copied for {platform}: only {_FITS} are supported.</source>
        <translation>{platform}에는 cuDNN을 복사할 수 없습니다: {_FITS}만 지원합니다.</translation>
    </message>
    <message>
        <source>{name} is a cuDNN for {platform}; this toolkit needs one for {platform2}: download that one instead.</source>
        <translation>{name}은(는) {platform}용 cuDNN입니다. 이 툴킷에는 {platform2}용이 필요합니다: 그것을 내려받으세요.</translation>
    </message>
    <message>
        <source>{name} has nothing to copy for {platform} (no include, lib or bin files).</source>
        <translation>{name}에는 {platform}용으로 복사할 것이 없습니다(include, lib, bin 파일 없음).</translation>
    </message>
    <message>
        <source>{url} is not a valid address ({error}): check the URL.</source>
        <translation>{url}은(는) 올바른 주소가 아닙니다({error}): URL을 확인하세요.</translation>
    </message>
    <message>
        <source>{url} is not an http(s) address: give a full https:// URL.</source>
        <translation>{url}은(는) http(s) 주소가 아닙니다: https://로 시작하는 전체 URL을 적으세요.</translation>
    </message>
    <message>
        <source>Refusing plain http for {url}: it can be tampered with on the way. Use an https:// address, or choose it explicitly as a mirror.</source>
        <translation>{url}의 일반 http는 거부합니다: 전송 중에 변조될 수 있습니다. https:// 주소를 쓰거나 미러로 직접 지정하세요.</translation>
    </message>
    <message>
        <source>{url} redirects too many times: check the URL or the mirror.</source>
        <translation>{url}이(가) 너무 여러 번 리디렉션됩니다: URL이나 미러를 확인하세요.</translation>
    </message>
    <message>
        <source>{url} sent more than {size}: it is not the small text file expected. Check the URL or use another mirror.</source>
        <translation>{url}에서 {size}보다 많이 보냈습니다: 예상한 작은 텍스트 파일이 아닙니다. URL을 확인하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>Could not fetch {url}: {_why}. Check the network connection or proxy settings, then try again.</source>
        <translation>{url}을(를) 가져오지 못했습니다: {_why}. 네트워크 연결이나 프록시 설정을 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>{url} sent more than the file should have (expected {size} bytes): the file on the server differs from the one expected; the download was stopped and deleted. Try again later or use another mirror.</source>
        <translation>{url}에서 파일 크기보다 많이 보냈습니다({size}바이트여야 합니다): 서버의 파일이 예상과 다릅니다. 다운로드를 멈추고 지웠습니다. 나중에 다시 시도하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>Downloading {url} failed after {value} tries: {_why}. Check the network connection or proxy settings, then try again (the part already downloaded is kept).</source>
        <translation>{url} 다운로드가 {value}번 시도 후 실패했습니다: {_why}. 네트워크 연결이나 프록시 설정을 확인한 뒤 다시 시도하세요(이미 내려받은 부분은 남아 있습니다).</translation>
    </message>
    <message>
        <source>Downloading {url} failed: {_why}. Check the URL or the mirror.</source>
        <translation>{url} 다운로드가 실패했습니다: {_why}. URL이나 미러를 확인하세요.</translation>
    </message>
    <message>
        <source>{url} gave {done} bytes, expected {size}: the file on the server differs from the one expected. Try again later or use another mirror.</source>
        <translation>{url}에서 {done}바이트를 받았지만 {size}바이트여야 합니다: 서버의 파일이 예상과 다릅니다. 나중에 다시 시도하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>The {algorithm} of {url} does not match: expected {expected}, got {digest}. The download was damaged or the file changed; it was deleted, try again or use another mirror.</source>
        <translation>{url}의 {algorithm}이(가) 맞지 않습니다: 예상 {expected}, 실제 {digest}. 다운로드가 손상되었거나 파일이 바뀌었습니다. 파일을 지웠으니 다시 시도하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>{url} sent nothing for {seconds} s: the server or the network stalled. Try again later or use another mirror.</source>
        <translation>{url}에서 {seconds}초 동안 아무것도 오지 않았습니다: 서버나 네트워크가 멈췄습니다. 나중에 다시 시도하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>{url} sent nothing for {seconds} s: the server or the network stalled. Try again later or use another mirror (the part already downloaded is kept: the next try resumes it).</source>
        <translation>{url}에서 {seconds}초 동안 아무것도 오지 않았습니다: 서버나 네트워크가 멈췄습니다. 나중에 다시 시도하거나 다른 미러를 쓰세요(이미 내려받은 부분은 남아 있어 다음 시도에서 이어 받습니다).</translation>
    </message>
    <message>
        <source>{url} was not found on the server (HTTP {status}): the file may have moved; check the version or the mirror address.</source>
        <translation>서버에서 {url}을(를) 찾지 못했습니다(HTTP {status}): 파일이 옮겨졌을 수 있습니다. 버전이나 미러 주소를 확인하세요.</translation>
    </message>
    <message>
        <source>The server refused {url} (HTTP {status}): a proxy or the mirror needs access rights; check the proxy settings or use another mirror.</source>
        <translation>서버가 {url}을(를) 거부했습니다(HTTP {status}): 프록시나 미러에 접근 권한이 필요합니다. 프록시 설정을 확인하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>The server answered HTTP {status} for {url}: check the URL or use another mirror.</source>
        <translation>서버가 {url}에 HTTP {status}(으)로 응답했습니다: URL을 확인하거나 다른 미러를 쓰세요.</translation>
    </message>
    <message>
        <source>Could not write the download to {path}: the disk is full. Free some disk space, then try again (the part already downloaded is kept).</source>
        <translation>{path}에 다운로드를 쓸 수 없습니다: 디스크가 가득 찼습니다. 디스크 공간을 확보한 뒤 다시 시도하세요(이미 받은 부분은 보관됩니다).</translation>
    </message>
    <message>
        <source>Could not write the download to {path}: {why}. Check the folder&apos;s permissions or choose a folder you can write to, then try again (the part already downloaded is kept).</source>
        <translation>{path}에 다운로드를 쓸 수 없습니다: {why}. 폴더 권한을 확인하거나 쓸 수 있는 폴더를 고른 뒤 다시 시도하세요(이미 받은 부분은 보관됩니다).</translation>
    </message>
    <message>
        <source>the server answered HTTP {status}</source>
        <translation>서버가 HTTP {status}(으)로 응답했습니다</translation>
    </message>
    <message>
        <source>not a zip file (not a wheel)</source>
        <translation>zip 파일이 아닙니다(wheel이 아님)</translation>
    </message>
    <message>
        <source>the wheel has no .dist-info/METADATA</source>
        <translation>wheel에 .dist-info/METADATA가 없습니다</translation>
    </message>
    <message>
        <source>the wheel has several .dist-info folders, none named for it</source>
        <translation>wheel에 .dist-info 폴더가 여러 개 있지만 그 이름에 맞는 것이 없습니다</translation>
    </message>
    <message>
        <source>the wheel&apos;s METADATA is too large</source>
        <translation>wheel의 METADATA가 너무 큽니다</translation>
    </message>
    <message>
        <source>the wheel&apos;s METADATA is compressed with method {method}</source>
        <translation>wheel의 METADATA가 압축 방식 {method}(으)로 압축되어 있습니다</translation>
    </message>
    <message>
        <source>the wheel&apos;s METADATA is not UTF-8 text</source>
        <translation>wheel의 METADATA가 UTF-8 텍스트가 아닙니다</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>서버가 제때 응답하지 않았습니다</translation>
    </message>
    <message>
        <source>the server could not be reached</source>
        <translation>서버에 연결할 수 없습니다</translation>
    </message>
    <message>
        <source>the server does not serve parts of files</source>
        <translation>서버가 파일의 일부만 보내 주지 않습니다</translation>
    </message>
    <message>
        <source>the server sent other bytes than asked for</source>
        <translation>서버가 요청한 것과 다른 바이트를 보냈습니다</translation>
    </message>
    <message>
        <source>the wheel&apos;s zip file is damaged</source>
        <translation>wheel의 zip 파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>the secure connection failed (certificate problem)</source>
        <translation>보안 연결이 실패했습니다(인증서 문제)</translation>
    </message>
    <message>
        <source>the proxy refused the connection</source>
        <translation>프록시가 연결을 거부했습니다</translation>
    </message>
    <message>
        <source>the connection failed or was cut</source>
        <translation>연결이 실패했거나 끊겼습니다</translation>
    </message>
    <message>
        <source>Choose a folder for the new environment.</source>
        <translation>새 환경을 둘 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder: choose another name for the environment.</source>
        <translation>{folder}은(는) 폴더가 아니라 파일입니다: 환경 이름을 다르게 고르세요.</translation>
    </message>
    <message>
        <source>{folder} already exists and is not empty: choose a new folder for the environment.</source>
        <translation>{folder}이(가) 이미 있고 비어 있지 않습니다: 환경을 둘 새 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>{blocker} is a file, so no folder can be made inside it ({folder}).</source>
        <translation>{blocker}은(는) 파일이므로 그 안에 폴더({folder})를 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>You have no permission to create {folder}: choose a folder in your home folder, such as {home}.</source>
        <translation>{folder}을(를) 만들 권한이 없습니다: {home}처럼 홈 폴더 안의 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>{folder} is on a read-only drive: choose a folder on another drive.</source>
        <translation>{folder}은(는) 읽기 전용 드라이브에 있습니다: 다른 드라이브의 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>The drive of {folder} is full: free some space or choose another drive.</source>
        <translation>{folder}이(가) 있는 드라이브가 가득 찼습니다: 공간을 비우거나 다른 드라이브를 고르세요.</translation>
    </message>
    <message>
        <source>{folder} is a path too long for this system: choose a shorter one.</source>
        <translation>{folder}은(는) 이 시스템에서 쓰기에 너무 긴 경로입니다: 더 짧은 경로를 고르세요.</translation>
    </message>
    <message>
        <source>{folder} cannot be created here: {why}.</source>
        <translation>{folder}을(를) 여기에 만들 수 없습니다: {why}.</translation>
    </message>
    <message>
        <source>{base_python} cannot be run: {why}</source>
        <translation>{base_python}을(를) 실행할 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>{base_python} lacks its {module} module, which new environments need; on Debian/Ubuntu install the python3-venv package (sudo apt install python3-venv), or choose another Python.</source>
        <translation>{base_python}에는 새 환경을 만드는 데 필요한 {module} 모듈이 없습니다. Debian/Ubuntu에서는 python3-venv 패키지를 설치하거나(sudo apt install python3-venv) 다른 Python을 고르세요.</translation>
    </message>
    <message>
        <source>{base_python} does not answer as a Python should (exit {returncode}).</source>
        <translation>{base_python}이(가) 정상적인 Python처럼 응답하지 않습니다(종료 코드 {returncode}).</translation>
    </message>
    <message>
        <source>{base_python} could not create a virtual environment (exit {returncode}); the log has its output.</source>
        <translation>{base_python}(으)로 가상 환경을 만들지 못했습니다(종료 코드 {returncode}). 출력은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>{conda} is a batch file; the assistant runs conda.exe only.</source>
        <translation>{conda}은(는) 배치 파일입니다. 도우미는 conda.exe만 실행합니다.</translation>
    </message>
    <message>
        <source>conda could not create the environment (exit {returncode}); the log has its output.</source>
        <translation>conda가 환경을 만들지 못했습니다(종료 코드 {returncode}). 출력은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>The plan uses conda, but no conda was found for this environment. Choose pip on the summary page, or install into a conda environment.</source>
        <translation>계획은 conda를 쓰는데 이 환경의 conda를 찾지 못했습니다. 요약 페이지에서 pip를 고르거나 conda 환경에 설치하세요.</translation>
    </message>
    <message>
        <source>Not enough free space: the {compute} build needs about {value} GB and {env_prefix} has {value2} GB free. Free some space or choose another environment.</source>
        <translation>공간이 부족합니다: {compute} 빌드에는 약 {value} GB가 필요한데 {env_prefix}에는 {value2} GB가 남아 있습니다. 공간을 비우거나 다른 환경을 고르세요.</translation>
    </message>
    <message>
        <source>Removing the old PyTorch failed (exit {returncode}).</source>
        <translation>기존 PyTorch 제거가 실패했습니다(종료 코드 {returncode}).</translation>
    </message>
    <message>
        <source>The install failed (exit {returncode}): {value} — the log has pip&apos;s full output.</source>
        <translation>설치가 실패했습니다(종료 코드 {returncode}): {value} — pip의 전체 출력은 로그에 있습니다.</translation>
    </message>
    <message>
        <source>Uninstalling failed (exit {returncode}); see the log.</source>
        <translation>제거가 실패했습니다(종료 코드 {returncode}). 로그를 보세요.</translation>
    </message>
    <message>
        <source>Miniforge has no installer for {platform}.</source>
        <translation>Miniforge에는 {platform}용 설치 프로그램이 없습니다.</translation>
    </message>
    <message>
        <source>Miniforge cannot be installed in {folder}: its installer refuses folders with a space in the path. Choose a folder without spaces, such as {other}.</source>
        <translation>{folder}에 Miniforge를 설치할 수 없습니다: 설치 프로그램이 경로에 공백이 있는 폴더를 거부합니다. {other}처럼 공백이 없는 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>Miniforge cannot be installed in {folder}: its installer refuses the character {char} in the path. Choose a folder without it, such as {other}.</source>
        <translation>{folder}에 Miniforge를 설치할 수 없습니다: 설치 프로그램이 경로의 {char} 문자를 거부합니다. {other}처럼 이 문자가 없는 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>Miniforge cannot be installed in {folder}: its installer refuses the character {char}, which is outside this computer&apos;s ANSI code page ({codepage}). Choose a folder with plain letters, such as {other}.</source>
        <translation>{folder}에 Miniforge를 설치할 수 없습니다: 설치 프로그램이 이 컴퓨터의 ANSI 코드 페이지({codepage})에 없는 문자 {char}을(를) 거부합니다. {other}처럼 일반 문자로 된 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>The published checksum file holds no sha256: nothing was installed.</source>
        <translation>공개된 체크섬 파일에 sha256이 없습니다: 아무것도 설치하지 않았습니다.</translation>
    </message>
    <message>
        <source>The Miniforge installer failed (exit {returncode}); the log has its output. Undo removes what it left in {dest}.</source>
        <translation>Miniforge 설치 프로그램이 실패했습니다(종료 코드 {returncode}). 출력은 로그에 있습니다. 되돌리기를 하면 {dest}에 남은 것을 지웁니다.</translation>
    </message>
    <message>
        <source>{path}, line {line}: its pytorch-setup CUDA block is incomplete or doubled (a marker line without its partner). Fix or delete those lines by hand, then try again. No file was changed.</source>
        <translation>{path}, {line}번째 줄: pytorch-setup CUDA 블록이 불완전하거나 중복되었습니다(짝이 없는 표시 줄). 그 줄들을 직접 고치거나 지운 뒤 다시 시도하세요. 아무 파일도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not read {path} ({strerror}); nothing was changed.</source>
        <translation>{path}을(를) 읽지 못했습니다({strerror}). 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>{shown} is read-only: make it writable (chmod u+w) or edit it by hand. No profile was changed.</source>
        <translation>{shown}은(는) 읽기 전용입니다: 쓸 수 있게 바꾸거나(chmod u+w) 직접 편집하세요. 어떤 프로필도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>The folder of {shown} is not writable, so it cannot be changed safely. No profile was changed.</source>
        <translation>{shown}이(가) 있는 폴더에 쓸 수 없어 안전하게 바꿀 수 없습니다. 어떤 프로필도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not write {path} ({strerror}); the profiles already changed were put back.</source>
        <translation>{path}에 쓰지 못했습니다({strerror}). 이미 바뀐 프로필은 되돌렸습니다.</translation>
    </message>
    <message>
        <source>The pytorch-setup CUDA block in {path} was edited after it was written; delete it by hand if you no longer want it. No file was changed.</source>
        <translation>{path}의 pytorch-setup CUDA 블록이 작성 후에 편집되었습니다. 더 필요 없으면 직접 지우세요. 아무 파일도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Could not read {name} from {KEY} ({exc}); nothing was changed. Check that your account may edit its environment and try again.</source>
        <translation>{KEY}에서 {name}을(를) 읽지 못했습니다({exc}). 아무것도 바뀌지 않았습니다. 이 계정이 자기 환경 변수를 편집할 수 있는지 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>{name} in {KEY} is not text (registry type {found}); the assistant will not edit it. Fix it in Windows&apos; Environment Variables dialog. Nothing was changed.</source>
        <translation>{KEY}의 {name}은(는) 텍스트가 아닙니다(레지스트리 형식 {found}). 도우미는 편집하지 않습니다. Windows 환경 변수 창에서 고치세요. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Another program changed {KEY} while the assistant was working; nothing was changed. Try again.</source>
        <translation>도우미가 작업하는 동안 다른 프로그램이 {KEY}을(를) 바꿨습니다. 아무것도 바뀌지 않았습니다. 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Writing {KEY} failed ({exc}); what was written can be undone (undo --last).</source>
        <translation>{KEY}에 쓰기가 실패했습니다({exc}). 이미 쓴 것은 되돌릴 수 있습니다(undo --last).</translation>
    </message>
    <message>
        <source>{path} has no bin/nvcc: choose the CUDA toolkit&apos;s folder (the one holding bin).</source>
        <translation>{path}에는 bin/nvcc가 없습니다: CUDA 툴킷 폴더(bin이 있는 폴더)를 고르세요.</translation>
    </message>
    <message>
        <source>{path} holds a line break; move the toolkit to a plainer folder.</source>
        <translation>{path}에 줄바꿈이 들어 있습니다. 툴킷을 더 단순한 폴더로 옮기세요.</translation>
    </message>
    <message>
        <source>This assistant has registered nothing for {absolute} (its journal holds no such change); PATH entries it did not add are left alone.</source>
        <translation>이 도우미는 {absolute}에 대해 등록한 것이 없습니다(기록에 그런 변경이 없음). 도우미가 추가하지 않은 PATH 항목은 건드리지 않습니다.</translation>
    </message>
    <message>
        <source>This change was made in the {where} of another system; undo it there.</source>
        <translation>이 변경은 다른 시스템의 {where}에서 한 것입니다. 그곳에서 되돌리세요.</translation>
    </message>
    <message>
        <source>No CUDA {version} release is known (known: {known}).</source>
        <translation>CUDA {version} 릴리스를 알지 못합니다(아는 것: {known}).</translation>
    </message>
    <message>
        <source>NVIDIA publishes no CUDA archives for {platform}.</source>
        <translation>NVIDIA는 {platform}용 CUDA 압축 파일을 내놓지 않습니다.</translation>
    </message>
    <message>
        <source>The manifest&apos;s path for {component} is unsafe: {relative}.</source>
        <translation>목록에 있는 {component}의 경로가 안전하지 않습니다: {relative}.</translation>
    </message>
    <message>
        <source>The manifest gives no sha256 for {component}: refused.</source>
        <translation>목록에 {component}의 sha256이 없습니다: 거부합니다.</translation>
    </message>
    <message>
        <source>The manifest gives no size for {component}.</source>
        <translation>목록에 {component}의 크기가 없습니다.</translation>
    </message>
    <message>
        <source>The manifest has no nvcc for this platform.</source>
        <translation>목록에 이 플랫폼용 nvcc가 없습니다.</translation>
    </message>
    <message>
        <source>The archive has an entry outside its folder: {name}.</source>
        <translation>압축 파일에 폴더 밖을 가리키는 항목이 있습니다: {name}.</translation>
    </message>
    <message>
        <source>{archive} holds an entry that is not allowed ({why}): it was refused and nothing of it is kept.</source>
        <translation>{archive}에 허용되지 않는 항목이 있습니다({why}): 거부했으며 그 내용은 아무것도 남기지 않았습니다.</translation>
    </message>
    <message>
        <source>{archive} is damaged or truncated ({why}): delete it from the download cache (Undo changes… → Delete downloaded files) and try again.</source>
        <translation>{archive}이(가) 손상되었거나 잘렸습니다({why}): 다운로드 캐시에서 지운 뒤(변경 되돌리기… → 내려받은 파일 삭제) 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The disk is full while unpacking {archive} into {folder}: nothing was kept. Free some space or choose another folder, then try again.</source>
        <translation>{archive}을(를) {folder}에 푸는 중에 디스크가 가득 찼습니다: 아무것도 남기지 않았습니다. 공간을 비우거나 다른 폴더를 고른 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Could not unpack {archive} into {folder}: {why}. Nothing was kept.</source>
        <translation>{archive}을(를) {folder}에 풀 수 없습니다: {why}. 아무것도 남기지 않았습니다.</translation>
    </message>
    <message>
        <source>{manifest_url} is not a CUDA manifest (not JSON).</source>
        <translation>{manifest_url}은(는) CUDA 목록이 아닙니다(JSON이 아님).</translation>
    </message>
    <message>
        <source>Not enough free space in {folder}: {value} GB needed, {value2} GB free. Free some space or choose another folder.</source>
        <translation>{folder}의 공간이 부족합니다: {value} GB 필요, {value2} GB 남음. 공간을 비우거나 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>No official CUDA {label} installer for {platform} is known to this version; use the per-user archives instead.</source>
        <translation>이 버전은 {platform}용 공식 CUDA {label} 설치 프로그램을 알지 못합니다. 사용자별 압축 파일을 쓰세요.</translation>
    </message>
    <message>
        <source>The sub-packages of NVIDIA&apos;s CUDA {label} installer are not known to this version; use the per-user archives instead.</source>
        <translation>이 버전은 NVIDIA CUDA {label} 설치 프로그램의 하위 패키지를 모릅니다. 대신 사용자별 아카이브를 사용하세요.</translation>
    </message>
    <message>
        <source>Choose a folder for the CUDA toolkit.</source>
        <translation>CUDA 툴킷 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s installer finished and asks for a restart: restart Windows before you compile with this toolkit.</source>
        <translation>NVIDIA 설치 프로그램이 끝났고 다시 시작을 요청합니다. 이 툴킷으로 컴파일하기 전에 Windows를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s installer needs administrator rights: start the assistant with &apos;Run as administrator&apos; for this step, or choose the per-user archives (no administrator rights needed).</source>
        <translation>NVIDIA 설치 프로그램에는 관리자 권한이 필요합니다: 이 단계는 &apos;관리자 권한으로 실행&apos;으로 도우미를 시작하거나, 사용자별 압축 파일(관리자 권한 불필요)을 고르세요.</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s installer {why}; nothing was kept.{last} Its own log is /tmp/cuda-installer.log (Linux) or %TEMP%\CUDA (Windows).</source>
        <translation>NVIDIA 설치 프로그램: {why}. 아무것도 남기지 않았습니다.{last} 설치 프로그램 자체 로그는 /tmp/cuda-installer.log(Linux) 또는 %TEMP%\CUDA(Windows)에 있습니다.</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s installer reported success but {what} is missing: the toolkit is not usable. Try the per-user archives instead.</source>
        <translation>NVIDIA 설치 프로그램은 성공했다고 했지만 {what}이(가) 없습니다: 툴킷을 쓸 수 없습니다. 사용자별 압축 파일을 써 보세요.</translation>
    </message>
    <message>
        <source>{nvcc} reports {value}, not CUDA {minor}: the install did not work.</source>
        <translation>{nvcc}이(가) CUDA {minor}이(가) 아니라 {value}(이)라고 합니다: 설치가 제대로 되지 않았습니다.</translation>
    </message>
    <message>
        <source>CUDA {get} was installed by NVIDIA&apos;s installer: remove it in Settings → Apps (the &apos;NVIDIA CUDA&apos; entries of that version).</source>
        <translation>CUDA {get}은(는) NVIDIA 설치 프로그램으로 설치했습니다: 설정 → 앱에서 제거하세요(해당 버전의 &apos;NVIDIA CUDA&apos; 항목들).</translation>
    </message>
    <message>
        <source>This version cannot undo {step} entries ({id}).</source>
        <translation>이 버전은 {step} 항목을 되돌릴 수 없습니다({id}).</translation>
    </message>
    <message>
        <source>Asking Windows for administrator rights to undo this change…</source>
        <translation>이 변경을 되돌리기 위해 Windows에 관리자 권한을 요청하는 중…</translation>
    </message>
    <message>
        <source>The undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Could not start {program}: Windows did not let it run after starting it ({why}). Try again; if it keeps failing, restart the computer.</source>
        <translation>{program}을(를) 시작할 수 없습니다: 시작한 뒤 Windows가 실행을 허락하지 않았습니다({why}). 다시 시도하고, 계속 실패하면 컴퓨터를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>{nvcc} cannot compile: the CUDA CRT headers (include/crt) are missing. From CUDA 13 they are a part of their own (crt); install it, or reinstall the toolkit.</source>
        <translation>{nvcc}(으)로 컴파일할 수 없습니다: CUDA CRT 헤더(include/crt)가 없습니다. CUDA 13부터는 별도 구성 요소(crt)입니다. 그것을 설치하거나 툴킷을 다시 설치하세요.</translation>
    </message>
    <message>
        <source>{nvcc} cannot compile: NVVM (nvvm/bin/cicc) is missing. From CUDA 13 it is a part of its own (nvvm); install it, or reinstall the toolkit.</source>
        <translation>{nvcc}(으)로 컴파일할 수 없습니다: NVVM(nvvm/bin/cicc)이 없습니다. CUDA 13부터는 별도 구성 요소(nvvm)입니다. 그것을 설치하거나 툴킷을 다시 설치하세요.</translation>
    </message>
    <message>
        <source>The CUDA toolkit is complete, but nvcc also needs {compiler}.</source>
        <translation>CUDA 툴킷은 완전하지만, nvcc에는 {compiler}도 필요합니다.</translation>
    </message>
    <message>
        <source>The CUDA toolkit is complete, but nvcc does not support this C++ compiler&apos;s version: {tail}</source>
        <translation>CUDA 툴킷은 완전하지만, nvcc가 이 C++ 컴파일러 버전을 지원하지 않습니다: {tail}</translation>
    </message>
    <message>
        <source>{nvcc} could not compile a one-line test (exit {code}): {tail}</source>
        <translation>{nvcc}(으)로 한 줄짜리 테스트를 컴파일하지 못했습니다(종료 {code}): {tail}</translation>
    </message>
    <message>
        <source>{nvcc} is missing: the toolkit has no compiler.</source>
        <translation>{nvcc}이(가) 없습니다: 툴킷에 컴파일러가 없습니다.</translation>
    </message>
    <message>
        <source>{nvcc} did not finish a one-line test compile in {seconds} s.</source>
        <translation>{nvcc}이(가) 한 줄짜리 테스트 컴파일을 {seconds}초 안에 끝내지 못했습니다.</translation>
    </message>
    <message>
        <source>The cuDNN copy</source>
        <translation>cuDNN 복사</translation>
    </message>
    <message>
        <source>NVIDIA&apos;s installer</source>
        <translation>NVIDIA 설치 프로그램</translation>
    </message>
    <message>
        <source>{path} is in use by another program, often an antivirus scanning it</source>
        <translation>다른 프로그램이 {path}을(를) 사용 중입니다(대개 백신 프로그램의 검사)</translation>
    </message>
    <message>
        <source>Windows denied access to {path}, often because an antivirus is still scanning it</source>
        <translation>Windows가 {path}에 대한 접근을 거부했습니다(대개 백신 프로그램이 아직 검사 중이기 때문)</translation>
    </message>
    <message>
        <source>Could not put {path} in place: {why}. Try again in a moment; if it keeps happening, exclude {folder} from antivirus scanning, or choose a folder you can write to.</source>
        <translation>{path}을(를) 제자리에 둘 수 없습니다: {why}. 잠시 후 다시 시도하세요. 계속 그러면 백신 검사에서 {folder}을(를) 제외하거나 쓸 수 있는 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>The assistant&apos;s journal {path} cannot be written ({why}): nothing was changed. Make its folder writable, or set PYTORCH_SETUP_HOME to a folder you own.</source>
        <translation>도우미의 기록 파일 {path}에 쓸 수 없습니다({why}): 아무것도 바뀌지 않았습니다. 그 폴더를 쓸 수 있게 하거나 PYTORCH_SETUP_HOME을 내 폴더로 지정하세요.</translation>
    </message>
    <message>
        <source>The assistant&apos;s journal {path} cannot be read ({why}). Move it aside to start a new one; undo cannot see the changes it recorded.</source>
        <translation>도우미의 기록 파일 {path}을(를) 읽을 수 없습니다({why}). 다른 곳으로 옮기면 새로 시작합니다. 되돌리기는 그 파일에 기록된 변경을 볼 수 없습니다.</translation>
    </message>
    <message>
        <source>The bundled data file {path} is missing or damaged ({why}): reinstall the assistant.</source>
        <translation>함께 제공된 데이터 파일 {path}이(가) 없거나 손상되었습니다({why}): 도우미를 다시 설치하세요.</translation>
    </message>
    <message>
        <source>{path} is a folder: give a file name for the plan</source>
        <translation>{path}은(는) 폴더입니다: 계획을 저장할 파일 이름을 지정하세요</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>디스크가 가득 찼습니다</translation>
    </message>
    <message>
        <source>cannot write the plan to {path}: {why}</source>
        <translation>계획을 {path}에 쓸 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>그런 파일이 없습니다</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>폴더입니다</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>UTF-8 텍스트가 아닙니다</translation>
    </message>
    <message>
        <source>not JSON ({detail})</source>
        <translation>JSON이 아닙니다({detail})</translation>
    </message>
    <message>
        <source>its schema is {found}, not {wanted} (save one with plan --output)</source>
        <translation>스키마가 {wanted}이(가) 아니라 {found}입니다(plan --output으로 저장하세요)</translation>
    </message>
    <message>
        <source>no commands</source>
        <translation>명령이 없습니다</translation>
    </message>
    <message>
        <source>the plan is blocked, there is nothing to run: {why}</source>
        <translation>계획이 막혀 있어 실행할 것이 없습니다: {why}</translation>
    </message>
    <message>
        <source>cannot use the plan {path}: {why}</source>
        <translation>계획 {path}을(를) 쓸 수 없습니다: {why}</translation>
    </message>
</context>
<context>
    <name>index</name>
    <message>
        <source>no connection</source>
        <translation>연결 없음</translation>
    </message>
    <message>
        <source>it did not answer in time</source>
        <translation>제때 응답하지 않았습니다</translation>
    </message>
    <message>
        <source>not a package index page</source>
        <translation>패키지 인덱스 페이지가 아닙니다</translation>
    </message>
    <message>
        <source>only http:// and https:// indexes can be read</source>
        <translation>http:// 와 https:// 인덱스만 읽을 수 있습니다</translation>
    </message>
    <message>
        <source>HTTP {code}</source>
        <translation>HTTP {code}</translation>
    </message>
</context>
<context>
    <name>install</name>
    <message>
        <source>Resolving packages…</source>
        <translation>설치할 패키지를 정하는 중…</translation>
    </message>
    <message>
        <source>Downloading {file} ({size})…</source>
        <translation>{file}({size}) 내려받는 중…</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>내려받는 중…</translation>
    </message>
    <message>
        <source>Installing…</source>
        <translation>설치하는 중…</translation>
    </message>
    <message>
        <source>Installed.</source>
        <translation>설치했습니다.</translation>
    </message>
    <message>
        <source>Downloading {file}: {done} of {total} MB ({percent}%)</source>
        <translation>{file} 내려받는 중: {done}/{total} MB ({percent}%)</translation>
    </message>
    <message>
        <source>Downloading {file}: {done} MB</source>
        <translation>{file} 내려받는 중: {done} MB</translation>
    </message>
    <message>
        <source>pip cannot reach the package index {host}: {reason}. Retrying (retries left: {left})…</source>
        <translation>pip가 패키지 인덱스 {host}에 연결할 수 없습니다: {reason}. 다시 시도하는 중(남은 재시도: {left})…</translation>
    </message>
</context>
<context>
    <name>lab</name>
    <message>
        <source>{problem} Run it elevated (as administrator), or give --venv DIR in a folder this user may write.</source>
        <translation>{problem} 관리자 권한으로 실행하거나, 이 사용자가 쓸 수 있는 폴더로 --venv DIR을 지정하세요.</translation>
    </message>
    <message>
        <source>This user may not write {folder} ({why}).</source>
        <translation>이 사용자는 {folder}에 쓸 수 없습니다({why}).</translation>
    </message>
    <message>
        <source>cancelled before this step</source>
        <translation>이 단계 전에 취소되었습니다</translation>
    </message>
    <message>
        <source>cancelled during {step}</source>
        <translation>{step} 중에 취소되었습니다</translation>
    </message>
    <message>
        <source>not run: {step} failed</source>
        <translation>실행하지 않음: {step} 실패</translation>
    </message>
    <message>
        <source>PyTorch does not work after the install: {finding}</source>
        <translation>설치 후 PyTorch가 동작하지 않습니다: {finding}</translation>
    </message>
    <message>
        <source>apply does not install the CUDA toolkit, cuDNN or PATH yet (PyTorch does not need them): run `pytorch-setup toolkit --version {toolkit} --dest DIR` on this PC for nvcc.</source>
        <translation>apply는 아직 CUDA 툴킷, cuDNN, PATH를 설치하지 않습니다(PyTorch에는 필요 없음): nvcc가 필요하면 이 PC에서 `pytorch-setup toolkit --version {toolkit} --dest DIR`을 실행하세요.</translation>
    </message>
    <message>
        <source>cannot write the result to {path}: {why}</source>
        <translation>결과를 {path}에 쓸 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>No Python to install PyTorch {torch} into was found on this PC ({why}): install a Python it supports, or give --python EXE.</source>
        <translation>이 PC에서 PyTorch {torch}을(를) 설치할 Python을 찾지 못했습니다({why}): 지원되는 Python을 설치하거나 --python EXE를 지정하세요.</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>찾지 못함</translation>
    </message>
    <message>
        <source>This plan is for a Mac with Apple silicon (mps); this PC is not one.</source>
        <translation>이 계획은 Apple 실리콘 Mac(mps)용입니다. 이 PC는 그런 Mac이 아닙니다.</translation>
    </message>
    <message>
        <source>This plan is for {planned}; this PC runs {here}.</source>
        <translation>이 계획은 {planned}용입니다. 이 PC는 {here}을(를) 실행합니다.</translation>
    </message>
    <message>
        <source>This plan is for {planned} processors; this PC has {here}.</source>
        <translation>이 계획은 {planned} 프로세서용입니다. 이 PC는 {here}입니다.</translation>
    </message>
    <message>
        <source>On this PC: {message}</source>
        <translation>이 PC에서: {message}</translation>
    </message>
    <message>
        <source>This plan is for an AMD GPU ({compute}); this PC&apos;s AMD GPU cannot be used: the amdgpu driver is not loaded.</source>
        <translation>이 계획은 AMD GPU({compute})용입니다. 이 PC의 AMD GPU는 쓸 수 없습니다: amdgpu 드라이버가 로드되지 않았습니다.</translation>
    </message>
    <message>
        <source>This plan is for an {vendor} GPU ({compute}); this PC has none (its GPUs: {found}).</source>
        <translation>이 계획은 {vendor} GPU({compute})용입니다. 이 PC에는 없습니다(이 PC의 GPU: {found}).</translation>
    </message>
    <message>
        <source>This plan is for an {vendor} GPU ({compute}); this PC has none.</source>
        <translation>이 계획은 {vendor} GPU({compute})용입니다. 이 PC에는 없습니다.</translation>
    </message>
    <message>
        <source>This PC&apos;s GPU needs {name}={value} to run this build, and the plan sets {planned}: make the plan on a PC like this one.</source>
        <translation>이 PC의 GPU로 이 빌드를 실행하려면 {name}={value}이(가) 필요한데, 계획은 {planned}(으)로 설정합니다: 이 PC와 같은 PC에서 계획을 만드세요.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>no profile could be read in {folder}</source>
        <translation>{folder}에서 읽을 수 있는 프로필이 없습니다</translation>
    </message>
    <message>
        <source>{count} file(s) skipped</source>
        <translation>파일 {count}개 건너뜀</translation>
    </message>
    <message>
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <source>build</source>
        <translation>빌드</translation>
    </message>
    <message>
        <source>command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>why</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>막힘</translation>
    </message>
    <message>
        <source>no result file could be read in {folder}</source>
        <translation>{folder}에서 읽을 수 있는 결과 파일이 없습니다</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>torch / CUDA</source>
        <translation>torch / CUDA</translation>
    </message>
    <message>
        <source>first finding</source>
        <translation>첫 발견 사항</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder}은(는) 폴더가 아닙니다</translation>
    </message>
    <message>
        <source>cannot read the folder {folder}: {why}</source>
        <translation>폴더 {folder}을(를) 읽을 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>no .json files in {folder}</source>
        <translation>{folder}에 .json 파일이 없습니다</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>일반 파일이 아닙니다</translation>
    </message>
    <message>
        <source>too large to be a result file</source>
        <translation>결과 파일이라기에는 너무 큽니다</translation>
    </message>
    <message>
        <source>cannot read it: {why}</source>
        <translation>읽을 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>UTF-8 텍스트가 아닙니다</translation>
    </message>
    <message>
        <source>not JSON ({detail})</source>
        <translation>JSON이 아닙니다({detail})</translation>
    </message>
    <message>
        <source>not a result file (not a JSON object)</source>
        <translation>결과 파일이 아닙니다(JSON 객체가 아님)</translation>
    </message>
    <message>
        <source>not a result file (schema {schema}, expected {expected})</source>
        <translation>결과 파일이 아닙니다(스키마 {schema}, 기대한 것 {expected})</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>unknown outcome {outcome!r}</source>
        <translation>알 수 없는 결과 {outcome!r}</translation>
    </message>
    <message>
        <source>the field {name!r} is missing</source>
        <translation>필드 {name!r}이(가) 없습니다</translation>
    </message>
    <message>
        <source>the field {name!r} has the wrong type ({kind})</source>
        <translation>필드 {name!r}의 형식이 잘못되었습니다({kind})</translation>
    </message>
    <message>
        <source>cannot write the table to {path}: {why}</source>
        <translation>표를 {path}에 쓸 수 없습니다: {why}</translation>
    </message>
</context>
<context>
    <name>path</name>
    <message>
        <source>The user PATH would be {proposed} characters, over Windows&apos; limit of {MAX_LENGTH}: remove entries you no longer need first. Nothing was changed.</source>
        <translation>사용자 PATH가 {proposed}자가 되어 Windows 한도 {MAX_LENGTH}자를 넘습니다: 먼저 필요 없는 항목을 지우세요. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>The user PATH is {proposed} characters; some older tools cannot edit a PATH over {SOFT_LENGTH} characters (it works, but edit it with care).</source>
        <translation>사용자 PATH가 {proposed}자입니다. 일부 오래된 도구는 {SOFT_LENGTH}자가 넘는 PATH를 편집하지 못합니다(동작은 하지만 편집할 때 주의하세요).</translation>
    </message>
    <message>
        <source>On PATH more than once: {entries}</source>
        <translation>PATH에 두 번 이상 있음: {entries}</translation>
    </message>
    <message>
        <source>{item} is an older CUDA toolkit{label} earlier on PATH: its nvcc and DLLs are found before the new ones. Remove it from PATH if you no longer use it.</source>
        <translation>{item}은(는) PATH에서 더 앞에 있는 더 오래된 CUDA 툴킷{label}입니다: 새 툴킷보다 이 툴킷의 nvcc와 DLL이 먼저 찾아집니다. 더 이상 쓰지 않는다면 PATH에서 지우세요.</translation>
    </message>
    <message>
        <source>{item} is another CUDA toolkit{label} earlier on PATH: its nvcc and DLLs are found before the new ones. Remove it from PATH if you no longer use it.</source>
        <translation>{item}은(는) PATH에서 더 앞에 있는 다른 CUDA 툴킷{label}입니다: 새 툴킷보다 이 툴킷의 nvcc와 DLL이 먼저 찾아집니다. 더 이상 쓰지 않는다면 PATH에서 지우세요.</translation>
    </message>
    <message>
        <source>{path} holds the block for {other}; it will be replaced (undo puts it back).</source>
        <translation>{path}에 {other}용 블록이 있습니다. 교체합니다(되돌리기를 하면 원래대로 돌아옵니다).</translation>
    </message>
    <message>
        <source>Your user PATH is stored as plain text (REG_SZ), so Windows does not expand its %VARIABLE% entries; its type is kept as it is.</source>
        <translation>사용자 PATH가 일반 텍스트(REG_SZ)로 저장되어 있어 Windows가 %VARIABLE% 항목을 펼치지 않습니다. 형식은 그대로 둡니다.</translation>
    </message>
    <message>
        <source>{name} now names {now}; it will name {value} (undo puts the old value back).</source>
        <translation>{name}은(는) 지금 {now}을(를) 가리킵니다. {value}을(를) 가리키게 됩니다(되돌리기를 하면 이전 값으로 돌아옵니다).</translation>
    </message>
    <message>
        <source>Terminals and programs that are already open keep the old PATH: open a new terminal.</source>
        <translation>이미 열려 있는 터미널과 프로그램은 이전 PATH를 그대로 씁니다: 새 터미널을 여세요.</translation>
    </message>
    <message>
        <source>{entries} is already on the system PATH (for all users of this PC, put there by NVIDIA&apos;s installer or an administrator): it is not added to your user PATH again.</source>
        <translation>{entries}은(는) 이미 시스템 PATH(이 PC의 모든 사용자용, NVIDIA 설치 프로그램이나 관리자가 넣은 것)에 있습니다: 사용자 PATH에 다시 넣지 않습니다.</translation>
    </message>
    <message>
        <source>a folder that does not exist</source>
        <translation>없는 폴더</translation>
    </message>
    <message>
        <source>CUDA {version}</source>
        <translation>CUDA {version}</translation>
    </message>
    <message>
        <source>no CUDA version found there</source>
        <translation>CUDA 버전을 찾을 수 없음</translation>
    </message>
    <message>
        <source>Two {names} settings disagree. Yours (for your Windows account only) points at {user} ({user_label}); the one for all users of this PC (NVIDIA&apos;s installer sets it) points at {machine} ({machine_label}). Yours wins: programs that read {name} use {user}. To use the other one, delete {name} from your account&apos;s environment variables (or undo the assistant&apos;s PATH change).</source>
        <translation>{names} 설정 두 개가 서로 다릅니다. 내 설정(이 Windows 계정에만 적용)은 {user}({user_label})을(를) 가리키고, 이 PC의 모든 사용자용 설정(NVIDIA 설치 프로그램이 정함)은 {machine}({machine_label})을(를) 가리킵니다. 내 설정이 이깁니다: {name}을(를) 읽는 프로그램은 {user}을(를) 씁니다. 다른 쪽을 쓰려면 내 계정의 환경 변수에서 {name}을(를) 지우세요(또는 도우미의 PATH 변경을 되돌리세요).</translation>
    </message>
</context>
<context>
    <name>plan</name>
    <message>
        <source>The profile gives {name} the compute capability {compute_capability}, which is not a version; it was looked up by name instead.</source>
        <translation>프로필에 적힌 {name}의 연산 능력 {compute_capability}은(는) 버전 형식이 아니어서, 이름으로 대신 찾았습니다.</translation>
    </message>
    <message>
        <source>The compute capability of {name} is unknown, so whether a build has kernels for it could not be checked.</source>
        <translation>{name}의 연산 능력을 알 수 없어, 빌드에 이 GPU용 커널이 있는지 확인하지 못했습니다.</translation>
    </message>
    <message>
        <source>The driver version {version} in the profile is not a version and was ignored.</source>
        <translation>프로필의 드라이버 버전 {version}은(는) 버전 형식이 아니어서 무시했습니다.</translation>
    </message>
    <message>
        <source>Unknown package manager {manager}.</source>
        <translation>알 수 없는 패키지 관리자 {manager}.</translation>
    </message>
    <message>
        <source>PyTorch publishes no builds for {family} on {arch}. It runs on 64-bit Windows, Linux (x86_64 or ARM64) and Apple-silicon Macs.</source>
        <translation>PyTorch는 {arch}의 {family}용 빌드를 내놓지 않습니다. 64비트 Windows, Linux(x86_64 또는 ARM64), Apple 실리콘 Mac에서 동작합니다.</translation>
    </message>
    <message>
        <source>There is no environment to install into yet: create one on the scan page (New environment…), and PyTorch is planned for it.</source>
        <translation>아직 설치할 환경이 없습니다: 검사 페이지에서 환경을 만들면(새 환경…) 그 환경에 맞춰 PyTorch를 계획합니다.</translation>
    </message>
    <message>
        <source>The target Python could not be examined, so no build can be chosen. Pick another environment, or let the assistant create one.</source>
        <translation>대상 Python을 확인할 수 없어 빌드를 고를 수 없습니다. 다른 환경을 고르거나 도우미가 새로 만들게 하세요.</translation>
    </message>
    <message>
        <source>PyTorch {torch} is a long-term-support build published on its own index, which the assistant does not install. 1.8.1 is the closest release it can install.</source>
        <translation>PyTorch {torch}은(는) 별도 인덱스로 배포되는 장기 지원(LTS) 빌드라 도우미가 설치하지 않습니다. 설치할 수 있는 가장 가까운 릴리스는 1.8.1입니다.</translation>
    </message>
    <message>
        <source>PyTorch {torch} is not a release the assistant knows (1.8.0 to {newest}).</source>
        <translation>PyTorch {torch}은(는) 도우미가 아는 릴리스가 아닙니다(1.8.0부터 {newest}까지).</translation>
    </message>
    <message>
        <source>PyTorch {version} has no builds for {name}.</source>
        <translation>PyTorch {version}에는 {name}용 빌드가 없습니다.</translation>
    </message>
    <message>
        <source>The last Intel-Mac release is 2.2.2.</source>
        <translation>Intel Mac용 마지막 릴리스는 2.2.2입니다.</translation>
    </message>
    <message>
        <source>Python {python} is too old: {what} needs Python {low} to {high}. Create an environment with Python {high} (the assistant can do it for you).</source>
        <translation>Python {python}은(는) 너무 오래되었습니다: {what}에는 Python {low}~{high}가 필요합니다. Python {high} 환경을 만드세요(도우미가 만들어 줄 수 있습니다).</translation>
    </message>
    <message>
        <source>Python {python} is too new: {what} supports Python {low} to {high}. Create an environment with Python {high}.</source>
        <translation>Python {python}은(는) 너무 새 버전입니다: {what}은(는) Python {low}~{high}를 지원합니다. Python {high} 환경을 만드세요.</translation>
    </message>
    <message>
        <source>{python} (free-threaded)</source>
        <translation>{python}(free-threaded)</translation>
    </message>
    <message>
        <source>{name} {version} needs macOS {needed} or newer; this Mac has {macos}.</source>
        <translation>{name} {version}에는 macOS {needed} 이상이 필요합니다. 이 Mac은 {macos}입니다.</translation>
    </message>
    <message>
        <source>{name} {version} does not install on Python {python} (it needs {spec}).</source>
        <translation>{name} {version}은(는) Python {python}에 설치되지 않습니다({spec} 필요).</translation>
    </message>
    <message>
        <source>{name} {version} was withdrawn from PyPI (yanked: {why}).</source>
        <translation>{name} {version}은(는) PyPI에서 철회되었습니다(yanked: {why}).</translation>
    </message>
    <message>
        <source>{name} {version} has no build for Python {python} on {where}.</source>
        <translation>{name} {version}에는 {where}의 Python {python}용 빌드가 없습니다.</translation>
    </message>
    <message>
        <source>It is left out of the plan.</source>
        <translation>계획에서 제외합니다.</translation>
    </message>
    <message>
        <source>No release the assistant knows installs here; choose another Python environment (the assistant can create one).</source>
        <translation>도우미가 아는 릴리스 중 여기에 설치되는 것이 없습니다. 다른 Python 환경을 선택하세요(도우미가 만들어 드릴 수 있습니다).</translation>
    </message>
    <message>
        <source>Choose another version.</source>
        <translation>다른 버전을 선택하세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} is the newest release that installs here.</source>
        <translation>여기에 설치되는 가장 최신 릴리스는 PyTorch {version}입니다.</translation>
    </message>
    <message>
        <source>Apple-silicon Macs get PyTorch from PyPI; it uses the GPU through Metal (MPS).</source>
        <translation>Apple 실리콘 Mac은 PyPI에서 PyTorch를 받으며, Metal(MPS)로 GPU를 씁니다.</translation>
    </message>
    <message>
        <source>Macs have no CUDA: the CPU build is the one to install.</source>
        <translation>Mac에는 CUDA가 없습니다: CPU 빌드를 설치합니다.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found. The CPU build is the right one.</source>
        <translation>NVIDIA GPU를 찾지 못했습니다. CPU 빌드가 맞습니다.</translation>
    </message>
    <message>
        <source>{names} cannot be used here: {why}.</source>
        <translation>{names}은(는) 여기서 쓸 수 없습니다: {why}.</translation>
    </message>
    <message>
        <source>{label} is a Jetson: its built-in GPU needs NVIDIA&apos;s JetPack builds of PyTorch, not the pip wheels (those are for ARM servers). The CPU build is planned; for the GPU see {JETSON_PAGE}</source>
        <translation>{label}은(는) Jetson입니다: 내장 GPU에는 pip wheel(ARM 서버용)이 아니라 NVIDIA JetPack용 PyTorch 빌드가 필요합니다. 계획은 CPU 빌드입니다. GPU를 쓰려면 {JETSON_PAGE}를 보세요</translation>
    </message>
    <message>
        <source>{gpu} has compute capability {cc} ({arch}).</source>
        <translation>{gpu}의 연산 능력은 {cc}입니다({arch}).</translation>
    </message>
    <message>
        <source>{gpu} has compute capability {cc}.</source>
        <translation>{gpu}의 연산 능력은 {cc}입니다.</translation>
    </message>
    <message>
        <source>An NVIDIA GPU is present but no working NVIDIA driver was found, so only the CPU build can run. Install the current driver from {driver_download_page}, then run the assistant again.</source>
        <translation>NVIDIA GPU는 있지만 동작하는 NVIDIA 드라이버를 찾지 못해 CPU 빌드만 실행할 수 있습니다. {driver_download_page}에서 최신 드라이버를 설치한 뒤 도우미를 다시 실행하세요.</translation>
    </message>
    <message>
        <source>NVIDIA driver {driver} runs CUDA builds up to {cuda}.</source>
        <translation>NVIDIA 드라이버 {driver}은(는) CUDA {cuda}까지의 빌드를 실행합니다.</translation>
    </message>
    <message>
        <source>NVIDIA driver {driver}.</source>
        <translation>NVIDIA 드라이버 {driver}.</translation>
    </message>
    <message>
        <source>PyTorch {version} is out, but which CUDA builds it has for {where} is not known yet (PyTorch&apos;s own index could not be read), so {version2} is planned for the GPU.</source>
        <translation>PyTorch {version}이(가) 나왔지만 {where}용 CUDA 빌드가 무엇인지 아직 알 수 없어(PyTorch 자체 인덱스를 읽지 못함) GPU용으로 {version2}을(를) 계획했습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is out, but which GPUs its CUDA builds support is not in the assistant&apos;s data yet, so {version2} is planned. Choose {version} under Alternatives to take it anyway.</source>
        <translation>PyTorch {version}이(가) 나왔지만 그 CUDA 빌드가 어떤 GPU를 지원하는지 아직 도우미의 데이터에 없어 {version2}을(를) 계획했습니다. 그래도 쓰려면 다른 선택에서 {version}을(를) 선택하세요.</translation>
    </message>
    <message>
        <source>Your NVIDIA driver ({driver_text}) limits you to PyTorch {version}. Driver {needed} or newer unlocks PyTorch {version2} ({variant}): {driver_download_page}</source>
        <translation>지금 NVIDIA 드라이버({driver_text})로는 PyTorch {version}까지만 쓸 수 있습니다. 드라이버 {needed} 이상이면 PyTorch {version2}({variant})를 쓸 수 있습니다: {driver_download_page}</translation>
    </message>
    <message>
        <source>PyTorch {version} has no kernels for {unrunnable}; {version2} is the newest release that has.</source>
        <translation>PyTorch {version}에는 {unrunnable}용 커널이 없습니다. 커널이 있는 최신 릴리스는 {version2}입니다.</translation>
    </message>
    <message>
        <source>Python {python} can only get PyTorch {version} (it supports Python {low}-{high}).</source>
        <translation>Python {python}에서는 PyTorch {version}까지만 쓸 수 있습니다(이 릴리스는 Python {low}-{high} 지원).</translation>
    </message>
    <message>
        <source>An environment with Python {python} gets PyTorch {version} with the {build} build here.</source>
        <translation>Python {python} 환경이라면 여기서 PyTorch {version}을(를) {build} 빌드로 설치할 수 있습니다.</translation>
    </message>
    <message>
        <source>Newer PyTorch releases use this GPU only after a driver update.</source>
        <translation>더 새 PyTorch 릴리스로 이 GPU를 쓰려면 드라이버를 업데이트해야 합니다.</translation>
    </message>
    <message>
        <source>With a newer Python this PC gets no newer PyTorch that uses its GPU.</source>
        <translation>Python을 더 새 버전으로 바꿔도 이 PC에서 GPU를 쓰는 더 새 PyTorch는 설치할 수 없습니다.</translation>
    </message>
    <message>
        <source>Which CUDA builds PyTorch {version} has for {where} is not known yet (PyTorch&apos;s own index could not be read): the CPU build is planned. Choose an earlier version for the GPU, or plan again when the index can be reached.</source>
        <translation>PyTorch {version}의 {where}용 CUDA 빌드가 무엇인지 아직 알 수 없습니다(PyTorch 자체 인덱스를 읽지 못함). CPU 빌드를 계획했습니다. GPU를 쓰려면 이전 버전을 선택하거나, 인덱스에 연결될 때 다시 계획하세요.</translation>
    </message>
    <message>
        <source>Your NVIDIA driver ({driver_text}) is too old for every CUDA build of PyTorch for this Python; the CPU build is planned. Driver {needed} or newer enables the GPU: {driver_download_page}</source>
        <translation>지금 NVIDIA 드라이버({driver_text})는 이 Python용 모든 PyTorch CUDA 빌드에 비해 너무 오래되어 CPU 빌드를 계획했습니다. 드라이버 {needed} 이상이면 GPU를 쓸 수 있습니다: {driver_download_page}</translation>
    </message>
    <message>
        <source>{gpu} (compute capability {cc})</source>
        <translation>{gpu}(연산 능력 {cc})</translation>
    </message>
    <message>
        <source>No single PyTorch build has kernels for all of {names}; the CPU build is planned. Choose a build for the GPU you will use (Alternatives, or --compute).</source>
        <translation>{names} 모두의 커널을 가진 PyTorch 빌드가 없어 CPU 빌드를 계획했습니다. 사용할 GPU에 맞는 빌드를 고르세요(다른 선택 또는 --compute).</translation>
    </message>
    <message>
        <source>{names} is newer than every PyTorch build for this choice: it needs a newer PyTorch release, so PyTorch will run on the CPU.</source>
        <translation>{names}은(는) 이 선택의 모든 PyTorch 빌드보다 새것입니다: 더 새 PyTorch 릴리스가 필요하므로 PyTorch는 CPU에서 실행됩니다.</translation>
    </message>
    <message>
        <source>No PyTorch build for this Python has GPU kernels for {names}: the GPU is too old for current CUDA builds, so PyTorch will run on the CPU.</source>
        <translation>이 Python용 PyTorch 빌드에는 {names}용 GPU 커널이 없습니다: GPU가 현재 CUDA 빌드에 비해 너무 오래되어 PyTorch는 CPU에서 실행됩니다.</translation>
    </message>
    <message>
        <source>There is no {compute} build of {what} for {PLATFORM_NAMES} and this Python. Builds that exist: {offered}.</source>
        <translation>{PLATFORM_NAMES}와(과) 이 Python용 {what}의 {compute} 빌드는 없습니다. 있는 빌드: {offered}.</translation>
    </message>
    <message>
        <source>The CPU build was chosen: PyTorch will not use the NVIDIA GPU.</source>
        <translation>CPU 빌드를 골랐습니다: PyTorch는 NVIDIA GPU를 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>The {compute} build was chosen although no NVIDIA GPU was found: it will run on the CPU only and is several GB larger.</source>
        <translation>NVIDIA GPU가 없는데 {compute} 빌드를 골랐습니다: CPU에서만 실행되고 크기는 몇 GB 더 큽니다.</translation>
    </message>
    <message>
        <source>The {compute} build needs NVIDIA driver {needs_driver} or newer; this PC has {value}. Update the driver ({driver_download_page}) or choose another build.</source>
        <translation>{compute} 빌드에는 NVIDIA 드라이버 {needs_driver} 이상이 필요한데 이 PC에는 {value}이(가) 있습니다. 드라이버를 업데이트하거나({driver_download_page}) 다른 빌드를 고르세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} {compute} has no kernels for {missing}: it would install but fail with &apos;no kernel image is available&apos;. Choose another build.</source>
        <translation>PyTorch {version} {compute}에는 {missing}용 커널이 없습니다: 설치는 되지만 &apos;no kernel image is available&apos; 오류로 실패합니다. 다른 빌드를 고르세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} {compute} cannot use {missing}; the other GPUs work.</source>
        <translation>PyTorch {version} {compute}은(는) {missing}을(를) 쓸 수 없습니다. 다른 GPU는 동작합니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} supports Python {low}-{high}; this environment has Python {version2}.</source>
        <translation>PyTorch {version}은(는) Python {low}-{high}를 지원합니다. 이 환경은 Python {version2}입니다.</translation>
    </message>
    <message>
        <source>natively</source>
        <translation>네이티브로</translation>
    </message>
    <message>
        <source>through PTX (slower first start)</source>
        <translation>PTX를 거쳐(처음 시작이 느림)</translation>
    </message>
    <message>
        <source>The {variant} build has kernels for {coverage} and runs {how}; it needs driver {needs_driver} or newer.</source>
        <translation>{variant} 빌드에는 {coverage}용 커널이 있고 {how} 실행됩니다. 드라이버 {needs_driver} 이상이 필요합니다.</translation>
    </message>
    <message>
        <source>No build carries compiled kernels for this GPU; the chosen one works through the driver&apos;s JIT compiler, so each program starts slowly at first.</source>
        <translation>이 GPU용으로 컴파일된 커널을 가진 빌드가 없습니다. 고른 빌드는 드라이버의 JIT 컴파일러로 동작하므로 프로그램마다 처음 시작이 느립니다.</translation>
    </message>
    <message>
        <source>Which GPUs the {variant} build of {version} supports is not in the assistant&apos;s data; it was chosen by driver only.</source>
        <translation>{version}의 {variant} 빌드가 어떤 GPU를 지원하는지는 도우미의 자료에 없어, 드라이버만 보고 골랐습니다.</translation>
    </message>
    <message>
        <source>Which builds PyTorch {version} has on PyTorch&apos;s own index is not known yet (only PyPI&apos;s build was read): its {variant} build there is assumed, as every release has had one. pip&apos;s dry run or the install will tell.</source>
        <translation>PyTorch {version}이(가) PyTorch 자체 인덱스에 어떤 빌드를 두었는지 아직 알 수 없습니다(PyPI의 빌드만 읽음). 모든 릴리스에 있었던 것처럼 그곳의 {variant} 빌드가 있다고 가정합니다. pip 시험 실행이나 설치에서 확인됩니다.</translation>
    </message>
    <message>
        <source>The CUDA toolkit {toolkit} matches this build: it is installed too, for compiling CUDA code with nvcc (PyTorch itself does not need it).</source>
        <translation>CUDA 툴킷 {toolkit}이(가) 이 빌드에 맞습니다: nvcc로 CUDA 코드를 컴파일할 수 있도록 함께 설치합니다(PyTorch 자체에는 필요 없음).</translation>
    </message>
    <message>
        <source>The CPU build has no matching CUDA toolkit, so none is installed.</source>
        <translation>CPU 빌드에는 맞는 CUDA 툴킷이 없으므로 설치하지 않습니다.</translation>
    </message>
    <message>
        <source>The {variant} build has no matching CUDA toolkit, so none is installed.</source>
        <translation>{variant} 빌드에는 맞는 CUDA 툴킷이 없으므로 설치하지 않습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version}{value} is already installed there; it will be replaced.</source>
        <translation>그곳에 이미 PyTorch {version}{value}이(가) 설치되어 있습니다. 교체합니다.</translation>
    </message>
    <message>
        <source>torchaudio stopped at {torchaudio_last}; it is left out (ask for it explicitly to pair torchaudio {torchaudio_last}).</source>
        <translation>torchaudio는 {torchaudio_last}에서 멈췄습니다. 빼고 설치합니다(torchaudio {torchaudio_last}을(를) 함께 쓰려면 직접 요청하세요).</translation>
    </message>
    <message>
        <source>torchaudio {torchaudio} is built on PyTorch&apos;s stable ABI and declares that it works with PyTorch {version}.</source>
        <translation>torchaudio {torchaudio}은(는) PyTorch의 안정 ABI로 빌드되었고 PyTorch {version}과(와) 함께 동작한다고 밝히고 있습니다.</translation>
    </message>
    <message>
        <source>torchaudio&apos;s last release is {torchaudio_last}; it is paired with PyTorch {version}, which it was not built for.</source>
        <translation>torchaudio의 마지막 릴리스는 {torchaudio_last}입니다. 그에 맞게 빌드되지 않은 PyTorch {version}과(와) 함께 설치합니다.</translation>
    </message>
    <message>
        <source>{unknown} is not a PyTorch package the assistant pairs; left out.</source>
        <translation>{unknown}은(는) 도우미가 버전을 맞춰 주는 PyTorch 패키지가 아니어서 뺐습니다.</translation>
    </message>
    <message>
        <source>The target is a {kind} environment, not a conda one: pip is used (conda can only install into conda environments).</source>
        <translation>대상은 conda가 아닌 {kind} 환경입니다: pip를 씁니다(conda는 conda 환경에만 설치할 수 있습니다).</translation>
    </message>
    <message>
        <source>The &apos;pytorch&apos; conda channel stopped publishing at {conda_channel_last}: PyTorch {version} is installed with pip inside the conda environment.</source>
        <translation>&apos;pytorch&apos; conda 채널은 {conda_channel_last}에서 배포를 멈췄습니다: PyTorch {version}은(는) conda 환경 안에서 pip로 설치합니다.</translation>
    </message>
    <message>
        <source>PyPI itself serves the {pip_variant} build on {PLATFORM_NAMES}.</source>
        <translation>{PLATFORM_NAMES}에서는 PyPI가 {pip_variant} 빌드를 직접 제공합니다.</translation>
    </message>
    <message>
        <source>The {variant} build comes from PyTorch&apos;s own index: plain `pip install torch` on Windows gets the CPU-only build.</source>
        <translation>{variant} 빌드는 PyTorch 자체 인덱스에서 받습니다: Windows에서 그냥 `pip install torch`를 하면 CPU 전용 빌드가 설치됩니다.</translation>
    </message>
    <message>
        <source>The {variant} build comes from PyTorch&apos;s own index: plain `pip install torch` here would download a different build (a multi-GB CUDA one).</source>
        <translation>{variant} 빌드는 PyTorch 자체 인덱스에서 받습니다: 여기서 그냥 `pip install torch`를 하면 다른 빌드(몇 GB짜리 CUDA 빌드)를 내려받습니다.</translation>
    </message>
    <message>
        <source>The {variant} build comes from PyTorch&apos;s own index: plain `pip install torch` here would download a different build.</source>
        <translation>{variant} 빌드는 PyTorch 자체 인덱스에서 받습니다: 여기서 그냥 `pip install torch`를 하면 다른 빌드를 내려받습니다.</translation>
    </message>
    <message>
        <source>The conda channel has no {variant} build of {version}; pip is used inside the conda environment.</source>
        <translation>conda 채널에는 {version}의 {variant} 빌드가 없습니다. conda 환경 안에서 pip를 씁니다.</translation>
    </message>
    <message>
        <source>conda installs PyTorch {version} from the &apos;pytorch&apos; channel ({option}).</source>
        <translation>conda가 &apos;pytorch&apos; 채널에서 PyTorch {version}을(를) 설치합니다({option}).</translation>
    </message>
    <message>
        <source>Your NVIDIA driver ({driver}) is too old for every CUDA build of current PyTorch: PyTorch {current} ({variant}) needs driver {needed} or newer.</source>
        <translation>지금 NVIDIA 드라이버({driver})는 현재 PyTorch의 모든 CUDA 빌드에 비해 너무 오래되었습니다: PyTorch {current}({variant})에는 드라이버 {needed} 이상이 필요합니다.</translation>
    </message>
    <message>
        <source>With this driver the newest PyTorch that uses the GPU is {version} ({variant}).</source>
        <translation>이 드라이버로 GPU를 쓸 수 있는 최신 PyTorch는 {version}({variant})입니다.</translation>
    </message>
    <message>
        <source>With this driver no PyTorch build can use the GPU.</source>
        <translation>이 드라이버로는 GPU를 쓸 수 있는 PyTorch 빌드가 없습니다.</translation>
    </message>
    <message>
        <source>Update the driver: {page}</source>
        <translation>드라이버를 업데이트하세요: {page}</translation>
    </message>
    <message>
        <source>a Jetson&apos;s GPU needs NVIDIA&apos;s JetPack builds</source>
        <translation>Jetson의 GPU에는 NVIDIA JetPack 빌드가 필요함</translation>
    </message>
    <message>
        <source>no working NVIDIA driver was found (to use it, install one: {page})</source>
        <translation>동작하는 NVIDIA 드라이버를 찾지 못함(GPU를 쓰려면 드라이버를 설치하세요: {page})</translation>
    </message>
    <message>
        <source>the NVIDIA driver is too old for every CUDA build</source>
        <translation>NVIDIA 드라이버가 모든 CUDA 빌드에 비해 너무 오래됨</translation>
    </message>
    <message>
        <source>which CUDA builds this release has is not known yet</source>
        <translation>이 릴리스에 어떤 CUDA 빌드가 있는지 아직 알 수 없음</translation>
    </message>
    <message>
        <source>no CUDA build has kernels for it</source>
        <translation>이 GPU용 커널을 가진 CUDA 빌드가 없음</translation>
    </message>
    <message>
        <source>Knowledge from the package index, read {date}.</source>
        <translation>패키지 인덱스에서 읽은 정보입니다({date}).</translation>
    </message>
    <message>
        <source>Bundled knowledge from {date}: newer releases may exist.</source>
        <translation>{date} 기준 내장 정보입니다. 더 새로운 릴리스가 있을 수 있습니다.</translation>
    </message>
    <message>
        <source>pip&apos;s dry run needs the target Python ({python}) on this computer; the command was not confirmed.</source>
        <translation>pip 시험 실행에는 이 컴퓨터에 대상 Python({python})이 있어야 합니다. 명령을 확인하지 못했습니다.</translation>
    </message>
    <message>
        <source>The package index could not be read ({problems}); the plan comes from the assistant&apos;s built-in data.</source>
        <translation>패키지 인덱스를 읽을 수 없었습니다({problems}). 계획은 도우미의 내장 데이터로 만들었습니다.</translation>
    </message>
    <message>
        <source>The installer&apos;s dry run cannot install PyTorch {version} here: {detail}</source>
        <translation>설치 프로그램의 시험 실행 결과, 여기에 PyTorch {version}을(를) 설치할 수 없습니다: {detail}</translation>
    </message>
    <message>
        <source>{said}. PyTorch {next} is planned instead.</source>
        <translation>{said}. 대신 PyTorch {next}을(를) 계획했습니다.</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Apple GPU (MPS)</source>
        <translation>Apple GPU (MPS)</translation>
    </message>
    <message>
        <source>Intel GPU (XPU)</source>
        <translation>Intel GPU (XPU)</translation>
    </message>
    <message>
        <source>{name} drives the plan: {why}.</source>
        <translation>{name}을(를) 기준으로 계획합니다: {why}.</translation>
    </message>
    <message>
        <source>{name} is not used: {why}.</source>
        <translation>{name}은(는) 사용하지 않습니다: {why}.</translation>
    </message>
    <message>
        <source>a PyTorch build runs on one kind of GPU</source>
        <translation>PyTorch 빌드 하나는 한 종류의 GPU에서만 실행됨</translation>
    </message>
    <message>
        <source>Not used: {names} (a PyTorch build runs on one kind of GPU, and a usable NVIDIA GPU comes first).</source>
        <translation>{names}은(는) 사용하지 않습니다(PyTorch 빌드 하나는 한 종류의 GPU에서만 실행되며, 사용할 수 있는 NVIDIA GPU가 우선합니다).</translation>
    </message>
    <message>
        <source>PyTorch&apos;s own index has no ROCm builds for Windows</source>
        <translation>PyTorch 자체 인덱스에 Windows용 ROCm 빌드가 없음</translation>
    </message>
    <message>
        <source>PyTorch&apos;s ROCm builds are for Linux on x86_64 only</source>
        <translation>PyTorch ROCm 빌드는 x86_64 Linux 전용임</translation>
    </message>
    <message>
        <source>{name} is an AMD GPU, but PyTorch&apos;s ROCm builds are for Linux on x86_64 only: the CPU build is planned.</source>
        <translation>{name}은(는) AMD GPU이지만 PyTorch ROCm 빌드는 x86_64 Linux 전용입니다: CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>the {driver} kernel driver is not loaded for it</source>
        <translation>이 GPU에 {driver} 커널 드라이버가 로드되지 않음</translation>
    </message>
    <message>
        <source>an AMD integrated GPU whose {gfx} target PyTorch&apos;s ROCm builds carry</source>
        <translation>PyTorch ROCm 빌드가 {gfx} 타깃을 지원하는 AMD 내장 GPU</translation>
    </message>
    <message>
        <source>a discrete AMD GPU whose {gfx} target PyTorch&apos;s ROCm builds carry</source>
        <translation>PyTorch ROCm 빌드가 {gfx} 타깃을 지원하는 AMD 외장 GPU</translation>
    </message>
    <message>
        <source>{name} has the {gfx} target; the {variant} build of PyTorch {version} carries kernels for it.</source>
        <translation>{name}의 타깃은 {gfx}이며, PyTorch {version}의 {variant} 빌드에 이 GPU용 커널이 있습니다.</translation>
    </message>
    <message>
        <source>{name} has the {gfx} target; PyTorch {version} is planned with its {variant} build.</source>
        <translation>{name}의 타깃은 {gfx}이며, PyTorch {version}을(를) {variant} 빌드로 계획했습니다.</translation>
    </message>
    <message>
        <source>an AMD GPU whose gfx target could not be read</source>
        <translation>gfx 타깃을 읽지 못한 AMD GPU</translation>
    </message>
    <message>
        <source>The gfx target of {name} could not be read (the amdgpu driver&apos;s KFD topology was not found), so whether the {variant} build of PyTorch {version} has kernels for it is unchecked. If PyTorch reports &apos;HIP error: invalid device function&apos;, this GPU is not supported by that build.</source>
        <translation>{name}의 gfx 타깃을 읽지 못해(amdgpu 드라이버의 KFD topology를 찾지 못함) PyTorch {version}의 {variant} 빌드에 이 GPU용 커널이 있는지 확인하지 않았습니다. PyTorch가 &apos;HIP error: invalid device function&apos; 오류를 내면 그 빌드는 이 GPU를 지원하지 않는 것입니다.</translation>
    </message>
    <message>
        <source>no PyTorch ROCm build carries its {gfx} target</source>
        <translation>{gfx} 타깃을 지원하는 PyTorch ROCm 빌드가 없음</translation>
    </message>
    <message>
        <source>an AMD GPU that runs PyTorch&apos;s ROCm build only through a workaround</source>
        <translation>우회 방법으로만 PyTorch ROCm 빌드를 실행할 수 있는 AMD GPU</translation>
    </message>
    <message>
        <source>{name} ({gfx}) is not among the GPUs PyTorch&apos;s ROCm builds carry kernels for. An unsupported workaround makes it run the {target} kernels of the {variant} build: set {variable}={value} wherever PyTorch runs (for example `export {variable}={value}` in ~/.bashrc); the assistant sets it for its own check. If programs crash or hang, plan the CPU build instead.</source>
        <translation>{name}({gfx})은(는) PyTorch ROCm 빌드가 커널을 제공하는 GPU가 아닙니다. 공식 지원되지 않는 우회 방법으로 {variant} 빌드의 {target} 커널을 실행하게 할 수 있습니다: PyTorch를 실행하는 모든 곳에서 {variable}={value}를 설정하세요(예: ~/.bashrc에 `export {variable}={value}` 추가). 도우미는 자체 확인을 위해 직접 설정합니다. 프로그램이 비정상 종료되거나 멈추면 CPU 빌드로 계획하세요.</translation>
    </message>
    <message>
        <source>It is reported to work for this GPU family, but not confirmed for this GPU.</source>
        <translation>이 GPU 계열에서는 동작한다는 보고가 있지만, 이 GPU에서는 확인되지 않았습니다.</translation>
    </message>
    <message>
        <source>Which GPUs the {variant} build supports is not in the assistant&apos;s data; it was planned without checking {gfx}.</source>
        <translation>{variant} 빌드가 어떤 GPU를 지원하는지는 도우미의 데이터에 없어, {gfx}을(를) 확인하지 않고 계획했습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is out, but which ROCm builds it has is not known yet (PyTorch&apos;s own index could not be read), so {version2} is planned for the GPU.</source>
        <translation>PyTorch {version}이(가) 나왔지만 어떤 ROCm 빌드가 있는지 아직 알 수 없어(PyTorch 자체 인덱스를 읽지 못함) GPU용으로 {version2}을(를) 계획했습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} has no ROCm build; {version2} is the newest release that has.</source>
        <translation>PyTorch {version}에는 ROCm 빌드가 없습니다. ROCm 빌드가 있는 최신 릴리스는 {version2}입니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is out, but which GPUs its ROCm builds ({builds}) support is not in the assistant&apos;s data yet, so {version2} is planned. Choose {version} under Alternatives to take it anyway.</source>
        <translation>PyTorch {version}이(가) 나왔지만 그 ROCm 빌드({builds})가 어떤 GPU를 지원하는지 아직 도우미의 데이터에 없어 {version2}을(를) 계획했습니다. 그래도 쓰려면 다른 선택에서 {version}을(를) 고르세요.</translation>
    </message>
    <message>
        <source>The ROCm builds of PyTorch {version} ({builds}) carry no kernels for {gfx}; {version2} ({variant}) is the newest release whose build does.</source>
        <translation>PyTorch {version}의 ROCm 빌드({builds})에는 {gfx}용 커널이 없습니다. 빌드에 이 커널이 있는 최신 릴리스는 {version2}({variant})입니다.</translation>
    </message>
    <message>
        <source>no PyTorch release here has a ROCm build</source>
        <translation>ROCm 빌드가 있는 PyTorch 릴리스가 여기에는 없음</translation>
    </message>
    <message>
        <source>Which ROCm builds PyTorch {version} has is not known yet (PyTorch&apos;s own index could not be read): the CPU build is planned. Choose an earlier version for the GPU, or plan again when the index can be reached.</source>
        <translation>PyTorch {version}에 어떤 ROCm 빌드가 있는지 아직 알 수 없습니다(PyTorch 자체 인덱스를 읽지 못함). CPU 빌드를 계획했습니다. GPU를 쓰려면 이전 버전을 선택하거나, 인덱스에 연결될 때 다시 계획하세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} has no ROCm build for this Python: the CPU build is planned for {name}.</source>
        <translation>PyTorch {version}에는 이 Python용 ROCm 빌드가 없습니다: {name}에 대해 CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>{name} ({gfx}) is not among the GPUs PyTorch&apos;s ROCm builds carry kernels for ({variant} has {targets}): PyTorch would install but fail with &apos;HIP error: invalid device function&apos;, so the CPU build is planned.</source>
        <translation>{name}({gfx})은(는) PyTorch ROCm 빌드가 커널을 제공하는 GPU가 아닙니다({variant}에는 {targets}용만 있음): PyTorch는 설치되지만 &apos;HIP error: invalid device function&apos; 오류로 실패하므로 CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>The {variable} workaround is known not to help here: {why}.</source>
        <translation>{variable} 우회 방법은 여기서 도움이 되지 않는 것으로 알려져 있습니다: {why}.</translation>
    </message>
    <message>
        <source>{name} is an AMD GPU, but the {driver} kernel driver is not loaded for it (it is bound to {bound}), so PyTorch cannot use it.</source>
        <translation>{name}은(는) AMD GPU이지만 {driver} 커널 드라이버가 로드되지 않아(대신 {bound}에 연결됨) PyTorch가 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>{name} is an AMD GPU, but the {driver} kernel driver is not loaded for it, so PyTorch cannot use it.</source>
        <translation>{name}은(는) AMD GPU이지만 {driver} 커널 드라이버가 로드되지 않아 PyTorch가 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>The CPU build is planned.</source>
        <translation>CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>The {compute} build will run on the CPU until it is.</source>
        <translation>드라이버가 로드될 때까지 {compute} 빌드는 CPU에서 실행됩니다.</translation>
    </message>
    <message>
        <source>Install AMD&apos;s GPU driver ({page}), restart, and plan again.</source>
        <translation>AMD GPU 드라이버를 설치하고({page}) 다시 시작한 뒤 다시 계획하세요.</translation>
    </message>
    <message>
        <source>PyTorch&apos;s ROCm builds bring ROCm&apos;s own libraries: only AMD&apos;s {driver} kernel driver is needed, not a ROCm installation ({page}).</source>
        <translation>PyTorch ROCm 빌드에는 ROCm 자체 라이브러리가 들어 있습니다: ROCm 설치는 필요 없고 AMD의 {driver} 커널 드라이버만 있으면 됩니다({page}).</translation>
    </message>
    <message>
        <source>This user may not open {path}, so PyTorch cannot reach {name}. Join these groups ({groups}): `{fix}`, then log out and back in.</source>
        <translation>이 사용자는 {path}을(를) 열 수 없어 PyTorch가 {name}에 접근할 수 없습니다. `{fix}`(으)로 다음 그룹({groups})에 자신을 추가한 뒤 로그아웃했다가 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>{name} is an AMD GPU, but PyTorch&apos;s own index has no ROCm builds for Windows: the CPU build is planned.</source>
        <translation>{name}은(는) AMD GPU이지만 PyTorch 자체 인덱스에는 Windows용 ROCm 빌드가 없습니다: CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>AMD publishes its own preview builds (PyTorch {torch} with ROCm {rocm}, for Python {pythons}): {page}</source>
        <translation>AMD가 자체 프리뷰 빌드를 배포합니다(ROCm {rocm}이 포함된 PyTorch {torch}, Python {pythons}용): {page}</translation>
    </message>
    <message>
        <source>AMD publishes its own preview builds (PyTorch {torch} with ROCm {rocm}) for Python {pythons} only, not this environment&apos;s Python {python}: {page}</source>
        <translation>AMD가 자체 프리뷰 빌드(ROCm {rocm}이 포함된 PyTorch {torch})를 배포하지만 Python {pythons}용뿐이고, 이 환경의 Python {python}용은 없습니다: {page}</translation>
    </message>
    <message>
        <source>PyTorch&apos;s XPU builds are for Linux and Windows on x86_64 only</source>
        <translation>PyTorch XPU 빌드는 x86_64 Linux와 Windows 전용임</translation>
    </message>
    <message>
        <source>{name} is an Intel GPU, but PyTorch&apos;s XPU builds are for Linux and Windows on x86_64 only: the CPU build is planned.</source>
        <translation>{name}은(는) Intel GPU이지만 PyTorch XPU 빌드는 x86_64 Linux와 Windows 전용입니다: CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>PyTorch&apos;s XPU build is not validated on it</source>
        <translation>PyTorch XPU 빌드가 이 GPU에서 검증되지 않음</translation>
    </message>
    <message>
        <source>{name} ({family}) is not a GPU family PyTorch&apos;s XPU build is validated on ({families}): the CPU build is planned.</source>
        <translation>{name}({family})은(는) PyTorch XPU 빌드가 검증된 GPU 계열({families})이 아닙니다: CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>{name} is an older Intel GPU that PyTorch&apos;s XPU build is not validated on (it is on {families}): the CPU build is planned.</source>
        <translation>{name}은(는) PyTorch XPU 빌드가 검증되지 않은 구형 Intel GPU입니다(검증된 계열: {families}): CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>a discrete Intel GPU ({family}) that PyTorch&apos;s XPU build supports</source>
        <translation>PyTorch XPU 빌드가 지원하는 Intel 외장 GPU({family})</translation>
    </message>
    <message>
        <source>an Intel integrated GPU ({family}) that PyTorch&apos;s XPU build supports</source>
        <translation>PyTorch XPU 빌드가 지원하는 Intel 내장 GPU({family})</translation>
    </message>
    <message>
        <source>{name} ({family}) is an Intel GPU PyTorch&apos;s XPU build is validated on; PyTorch {version} has an XPU build for {where}.</source>
        <translation>{name}({family})은(는) PyTorch XPU 빌드가 검증된 Intel GPU이며, PyTorch {version}에는 {where}용 XPU 빌드가 있습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is out, but whether it has an XPU build is not known yet (PyTorch&apos;s own index could not be read), so {version2} is planned for the GPU.</source>
        <translation>PyTorch {version}이(가) 나왔지만 XPU 빌드가 있는지 아직 알 수 없어(PyTorch 자체 인덱스를 읽지 못함) GPU용으로 {version2}을(를) 계획했습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} has no XPU build for {where}; {version2} is the newest release that has.</source>
        <translation>PyTorch {version}에는 {where}용 XPU 빌드가 없습니다. XPU 빌드가 있는 최신 릴리스는 {version2}입니다.</translation>
    </message>
    <message>
        <source>no PyTorch release here has an XPU build</source>
        <translation>XPU 빌드가 있는 PyTorch 릴리스가 여기에는 없음</translation>
    </message>
    <message>
        <source>Whether PyTorch {version} has an XPU build is not known yet (PyTorch&apos;s own index could not be read): the CPU build is planned. Choose an earlier version for the GPU, or plan again when the index can be reached.</source>
        <translation>PyTorch {version}에 XPU 빌드가 있는지 아직 알 수 없습니다(PyTorch 자체 인덱스를 읽지 못함). CPU 빌드를 계획했습니다. GPU를 쓰려면 이전 버전을 선택하거나, 인덱스에 연결될 때 다시 계획하세요.</translation>
    </message>
    <message>
        <source>PyTorch&apos;s XPU builds start with {since}, and PyTorch {version} is the newest for this choice: the CPU build is planned for {name}.</source>
        <translation>PyTorch XPU 빌드는 {since}부터 있는데, 이 선택에서는 PyTorch {version}이(가) 최신입니다: {name}에 대해 CPU 빌드를 계획했습니다.</translation>
    </message>
    <message>
        <source>The XPU build needs only Intel&apos;s GPU driver for Windows: {page}</source>
        <translation>XPU 빌드에는 Windows용 Intel GPU 드라이버만 있으면 됩니다: {page}</translation>
    </message>
    <message>
        <source>The XPU build needs only Intel&apos;s GPU driver with its compute runtime (Level Zero): {page}</source>
        <translation>XPU 빌드에는 연산 런타임(Level Zero)이 포함된 Intel GPU 드라이버만 있으면 됩니다: {page}</translation>
    </message>
    <message>
        <source>PyTorch {version}&apos;s XPU build for Windows comes without {names} (they had to be built from source); left out of the plan.</source>
        <translation>PyTorch {version}의 Windows용 XPU 빌드에는 {names}이(가) 없어(소스에서 빌드해야 했음) 계획에서 뺐습니다.</translation>
    </message>
    <message>
        <source>The {compute} build was chosen although no AMD GPU was found: it will run on the CPU only and is several GB larger.</source>
        <translation>AMD GPU가 없는데 {compute} 빌드를 골랐습니다: CPU에서만 실행되고 크기는 몇 GB 더 큽니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} {compute} has no kernels for {missing}: it would install but fail with &apos;HIP error: invalid device function&apos;. Its kernels are for {targets}. Choose another build.</source>
        <translation>PyTorch {version} {compute}에는 {missing}용 커널이 없습니다: 설치는 되지만 &apos;HIP error: invalid device function&apos; 오류로 실패합니다. 이 빌드의 커널은 {targets}용입니다. 다른 빌드를 고르세요.</translation>
    </message>
    <message>
        <source>The XPU build was chosen although no Intel GPU was found: it will run on the CPU only and is larger than the CPU build.</source>
        <translation>Intel GPU가 없는데 XPU 빌드를 골랐습니다: CPU에서만 실행되고 CPU 빌드보다 큽니다.</translation>
    </message>
    <message>
        <source>{name} is not a GPU family PyTorch&apos;s XPU build is validated on ({families}): it may not work.</source>
        <translation>{name}은(는) PyTorch XPU 빌드가 검증된 GPU 계열({families})이 아닙니다: 동작하지 않을 수 있습니다.</translation>
    </message>
    <message>
        <source>PyTorch uses a Mac&apos;s GPU (MPS) on macOS {needed} or newer; this Mac has macOS {version}, so PyTorch will run on the CPU. Update macOS to use the GPU.</source>
        <translation>PyTorch는 macOS {needed} 이상에서 Mac의 GPU(MPS)를 씁니다. 이 Mac은 macOS {version}이므로 PyTorch는 CPU에서 실행됩니다. GPU를 쓰려면 macOS를 업데이트하세요.</translation>
    </message>
    <message>
        <source>programs hang with HSA_OVERRIDE_GFX_VERSION={value}</source>
        <translation>HSA_OVERRIDE_GFX_VERSION={value}에서 프로그램이 멈춤</translation>
    </message>
    <message>
        <source>HSA_OVERRIDE_GFX_VERSION={value} fails with HSA_STATUS_ERROR_INVALID_ISA</source>
        <translation>HSA_OVERRIDE_GFX_VERSION={value}에서 HSA_STATUS_ERROR_INVALID_ISA 오류로 실패함</translation>
    </message>
    <message>
        <source>no override value works with PyTorch&apos;s builds</source>
        <translation>PyTorch 빌드에서 동작하는 재정의(override) 값이 없음</translation>
    </message>
</context>
<context>
    <name>preflight</name>
    <message>
        <source>non-English characters and spaces</source>
        <translation>영어가 아닌 글자와 공백</translation>
    </message>
    <message>
        <source>non-English characters</source>
        <translation>영어가 아닌 글자</translation>
    </message>
    <message>
        <source>spaces</source>
        <translation>공백</translation>
    </message>
    <message>
        <source>Your user folder {folder} contains {what}. PyTorch itself copes, but building CUDA extensions (nvcc, MSVC), older conda versions and some packages&apos; build scripts break on such paths.</source>
        <translation>사용자 폴더 {folder}에 {what}이(가) 들어 있습니다. PyTorch 자체는 괜찮지만, CUDA 확장 빌드(nvcc, MSVC), 오래된 conda, 일부 패키지의 빌드 스크립트는 이런 경로에서 실패합니다.</translation>
    </message>
    <message>
        <source>Keep environments and the CUDA toolkit in a plain folder such as {example} (choose it when the assistant asks for a folder).</source>
        <translation>환경과 CUDA 툴킷은 {example} 같은 단순한 폴더에 두세요(도우미가 폴더를 물을 때 고르면 됩니다).</translation>
    </message>
    <message>
        <source>The target Python lives in a OneDrive folder ({python}). OneDrive syncs and locks files while pip writes thousands of them, which makes installs fail or leaves them broken; files kept online-only cannot be imported.</source>
        <translation>대상 Python이 OneDrive 폴더({python})에 있습니다. pip가 수천 개의 파일을 쓰는 동안 OneDrive가 파일을 동기화하고 잠가서 설치가 실패하거나 망가질 수 있고, 온라인 전용으로 남은 파일은 불러올 수 없습니다.</translation>
    </message>
    <message>
        <source>Create the environment outside OneDrive, e.g. in {example} (New environment…).</source>
        <translation>OneDrive 밖, 예를 들어 {example}에 환경을 만드세요(새 환경…).</translation>
    </message>
    <message>
        <source>Windows long paths are off: paths longer than 260 characters fail, and some packages of the PyTorch stack install files with long paths.</source>
        <translation>Windows 긴 경로 기능이 꺼져 있습니다: 260자보다 긴 경로는 실패하는데, PyTorch 관련 일부 패키지는 경로가 긴 파일을 설치합니다.</translation>
    </message>
    <message>
        <source>Turn on &apos;Enable Win32 long paths&apos; (Group Policy), or set LongPathsEnabled=1 under {key} as administrator; or keep environments in a short folder such as {example}.</source>
        <translation>그룹 정책에서 &apos;Win32 긴 경로 사용&apos;을 켜거나, 관리자로 {key}에 LongPathsEnabled=1을 설정하세요. 아니면 {example} 같은 짧은 폴더에 환경을 두세요.</translation>
    </message>
    <message>
        <source>The Microsoft Visual C++ runtime is missing ({files}): `import torch` then fails with &apos;WinError 126 … c10.dll&apos;.</source>
        <translation>Microsoft Visual C++ 런타임이 없습니다({files}): 이러면 `import torch`가 &apos;WinError 126 … c10.dll&apos; 오류로 실패합니다.</translation>
    </message>
    <message>
        <source>Install the Visual C++ Redistributable (x64): {url}</source>
        <translation>Visual C++ 재배포 가능 패키지(x64)를 설치하세요: {url}</translation>
    </message>
    <message>
        <source>PyTorch {version} is imported from your user site-packages ({folder}), not from the target environment: it shadows whatever is installed there.</source>
        <translation>PyTorch {version}을(를) 대상 환경이 아니라 사용자 site-packages({folder})에서 불러옵니다: 환경에 설치한 것을 가려 버립니다.</translation>
    </message>
    <message>
        <source>Remove it: `{command}` run outside any environment, or delete its folder; or use a venv (it ignores the user site-packages).</source>
        <translation>지우세요: 어떤 환경에도 들어가지 않은 상태에서 `{command}`를 실행하거나 그 폴더를 지우세요. 아니면 venv를 쓰세요(venv는 사용자 site-packages를 무시합니다).</translation>
    </message>
    <message>
        <source>temporary folder</source>
        <translation>임시 폴더</translation>
    </message>
    <message>
        <source>pip cache</source>
        <translation>pip 캐시</translation>
    </message>
    <message>
        <source>Only {free} GB free for the {what} ({folder}); a CUDA build of PyTorch needs about {need} GB there.</source>
        <translation>{what}({folder})의 남은 공간이 {free} GB뿐입니다. PyTorch CUDA 빌드에는 그곳에 약 {need} GB가 필요합니다.</translation>
    </message>
    <message>
        <source>Free some space on that drive, or point {variable} at a drive with room.</source>
        <translation>그 드라이브의 공간을 비우거나, {variable}을(를) 공간이 있는 드라이브로 지정하세요.</translation>
    </message>
</context>
<context>
    <name>proc</name>
    <message>
        <source>Could not start {program}: the working folder {cwd} does not exist or cannot be opened. Choose an existing folder and try again.</source>
        <translation>{program}을(를) 시작할 수 없습니다: 작업 폴더 {cwd}이(가) 없거나 열 수 없습니다. 있는 폴더를 골라 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Could not start {program}: the program was not found. Check that it is installed and that the path is correct.</source>
        <translation>{program}을(를) 시작할 수 없습니다: 프로그램을 찾지 못했습니다. 설치되어 있는지, 경로가 올바른지 확인하세요.</translation>
    </message>
    <message>
        <source>Could not start {program}: permission denied (it is not executable, or you may not open it). Check the file&apos;s permissions, or pick a program you are allowed to run.</source>
        <translation>{program}을(를) 시작할 수 없습니다: 권한이 없습니다(실행 파일이 아니거나 열 수 없는 파일입니다). 파일 권한을 확인하거나 실행이 허용된 프로그램을 고르세요.</translation>
    </message>
    <message>
        <source>Could not start {program}: it is not a program this system can run (wrong architecture, or a script without a #! line). Use a build of the program made for this computer.</source>
        <translation>{program}을(를) 시작할 수 없습니다: 이 시스템에서 실행할 수 없는 프로그램입니다(다른 아키텍처용이거나 #! 줄이 없는 스크립트). 이 컴퓨터용으로 만든 프로그램을 사용하세요.</translation>
    </message>
    <message>
        <source>Could not start {program}: {why}. Check the program and try again.</source>
        <translation>{program}을(를) 시작할 수 없습니다: {why}. 프로그램을 확인하고 다시 시도하세요.</translation>
    </message>
</context>
<context>
    <name>resolve</name>
    <message>
        <source>conda plans are not dry-run</source>
        <translation>conda 계획은 시험 실행하지 않습니다</translation>
    </message>
    <message>
        <source>it took longer than {seconds} s</source>
        <translation>{seconds}초보다 오래 걸렸습니다</translation>
    </message>
    <message>
        <source>pip did not write its report</source>
        <translation>pip가 보고서를 쓰지 않았습니다</translation>
    </message>
    <message>
        <source>{tool} would install nothing: all is in place</source>
        <translation>{tool}가 설치할 것이 없습니다: 모두 갖춰져 있습니다</translation>
    </message>
    <message>
        <source>{tool} would install {packages}</source>
        <translation>{tool}가 {packages}을(를) 설치합니다</translation>
    </message>
    <message>
        <source>no pip in this environment</source>
        <translation>이 환경에 pip가 없습니다</translation>
    </message>
    <message>
        <source>pip is too old for --dry-run (needs 22.2)</source>
        <translation>pip가 너무 오래되어 --dry-run을 쓸 수 없습니다(22.2 필요)</translation>
    </message>
    <message>
        <source>the index&apos;s certificate could not be verified</source>
        <translation>인덱스의 인증서를 확인할 수 없었습니다</translation>
    </message>
    <message>
        <source>no connection to the index</source>
        <translation>인덱스에 연결할 수 없습니다</translation>
    </message>
    <message>
        <source>pip ignores the index: it is plain http and not a trusted host</source>
        <translation>pip가 인덱스를 무시합니다: 암호화되지 않은 http이고 신뢰할 수 있는 호스트가 아닙니다</translation>
    </message>
    <message>
        <source>{url} did not answer like a package index</source>
        <translation>{url}이(가) 패키지 인덱스처럼 응답하지 않았습니다</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>출력 없음</translation>
    </message>
    <message>
        <source>pip could not tell: {last}</source>
        <translation>pip가 판단하지 못했습니다: {last}</translation>
    </message>
    <message>
        <source>{package} requires a different Python: {why}</source>
        <translation>{package}에는 다른 Python이 필요합니다: {why}</translation>
    </message>
    <message>
        <source>No matching distribution found for {requirement}</source>
        <translation>{requirement}에 맞는 배포판을 찾지 못했습니다</translation>
    </message>
    <message>
        <source>the versions conflict</source>
        <translation>버전이 서로 맞지 않습니다</translation>
    </message>
    <message>
        <source>uv did not say what it would install</source>
        <translation>uv가 무엇을 설치할지 알려 주지 않았습니다</translation>
    </message>
    <message>
        <source>the index answered {status} for {url}</source>
        <translation>인덱스가 {url}에 대해 {status}(으)로 응답했습니다</translation>
    </message>
    <message>
        <source>uv could not tell: {last}</source>
        <translation>uv가 판단하지 못했습니다: {last}</translation>
    </message>
</context>
<context>
    <name>scan</name>
    <message>
        <source>No Python environment here suits PyTorch yet: create a new one (New environment…), and PyTorch is planned for it.</source>
        <translation>아직 여기에는 PyTorch에 맞는 Python 환경이 없습니다: 새 환경을 만들면(새 환경…) 그 환경에 맞춰 PyTorch를 계획합니다.</translation>
    </message>
    <message>
        <source>This is the assistant&apos;s own environment; PyTorch goes into one of yours or a new one.</source>
        <translation>도우미 자체의 환경입니다. PyTorch는 사용자의 환경이나 새 환경에 설치합니다.</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>Other Python environments</source>
        <translation>다른 Python 환경</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>{count}개 찾음</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 외 {count}개</translation>
    </message>
    <message>
        <source>Scan: {probe}</source>
        <translation>검사: {probe}</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>{message}. Press Rescan to try again.</source>
        <translation>{message}. 다시 검사를 눌러 다시 시도하세요.</translation>
    </message>
    <message>
        <source>User folder name</source>
        <translation>사용자 폴더 이름</translation>
    </message>
    <message>
        <source>OneDrive folder</source>
        <translation>OneDrive 폴더</translation>
    </message>
    <message>
        <source>Windows long paths</source>
        <translation>Windows 긴 경로</translation>
    </message>
    <message>
        <source>Visual C++ runtime</source>
        <translation>Visual C++ 런타임</translation>
    </message>
    <message>
        <source>User site-packages</source>
        <translation>사용자 site-packages</translation>
    </message>
    <message>
        <source>Temporary folder space</source>
        <translation>임시 폴더 공간</translation>
    </message>
    <message>
        <source>pip cache space</source>
        <translation>pip 캐시 공간</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>확인 필요</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>{message} Fix: {fix}</source>
        <translation>{message} 해결: {fix}</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>운영체제</translation>
    </message>
    <message>
        <source>{name} under WSL</source>
        <translation>WSL의 {name}</translation>
    </message>
    <message>
        <source>WSL uses the Windows NVIDIA driver; do not install a Linux driver inside WSL.</source>
        <translation>WSL은 Windows의 NVIDIA 드라이버를 씁니다. WSL 안에 Linux 드라이버를 설치하지 마세요.</translation>
    </message>
    <message>
        <source>CPU architecture</source>
        <translation>CPU 아키텍처</translation>
    </message>
    <message>
        <source>PyTorch stopped publishing Intel-Mac builds after 2.2.2.</source>
        <translation>PyTorch는 2.2.2 이후 Intel Mac용 빌드를 내놓지 않습니다.</translation>
    </message>
    <message>
        <source>Free disk space</source>
        <translation>남은 디스크 공간</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Free space could not be read.</source>
        <translation>남은 공간을 읽지 못했습니다.</translation>
    </message>
    <message>
        <source>{size} free on {folder}</source>
        <translation>{folder}에 {size} 남음</translation>
    </message>
    <message>
        <source>{size} free</source>
        <translation>{size} 남음</translation>
    </message>
    <message>
        <source>Temporary folder: {size} free.</source>
        <translation>임시 폴더: {size} 남음.</translation>
    </message>
    <message>
        <source>A CUDA build of PyTorch needs about {size}.</source>
        <translation>PyTorch CUDA 빌드에는 약 {size}가 필요합니다.</translation>
    </message>
    <message>
        <source>Tight for a CUDA build of PyTorch (about 5 GB installed).</source>
        <translation>PyTorch CUDA 빌드(설치 후 약 5 GB)에는 빠듯합니다.</translation>
    </message>
    <message>
        <source>Target Python</source>
        <translation>대상 Python</translation>
    </message>
    <message>
        <source>NVIDIA GPU</source>
        <translation>NVIDIA GPU</translation>
    </message>
    <message>
        <source>AMD GPU</source>
        <translation>AMD GPU</translation>
    </message>
    <message>
        <source>Intel GPU</source>
        <translation>Intel GPU</translation>
    </message>
    <message>
        <source>Apple GPU</source>
        <translation>Apple GPU</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Apple silicon</source>
        <translation>Apple 실리콘</translation>
    </message>
    <message>
        <source>PyTorch uses the GPU through MPS.</source>
        <translation>PyTorch는 MPS로 GPU를 씁니다.</translation>
    </message>
    <message>
        <source>PyTorch will be installed for the CPU.</source>
        <translation>PyTorch를 CPU용으로 설치합니다.</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>찾지 못함</translation>
    </message>
    <message>
        <source>compute capability {cc}</source>
        <translation>연산 능력(compute capability) {cc}</translation>
    </message>
    <message>
        <source>integrated</source>
        <translation>내장</translation>
    </message>
    <message>
        <source>{name} ({details})</source>
        <translation>{name} ({details})</translation>
    </message>
    <message>
        <source>Driver {version}.</source>
        <translation>드라이버 {version}.</translation>
    </message>
    <message>
        <source>PCI id {id}.</source>
        <translation>PCI ID {id}.</translation>
    </message>
    <message>
        <source>Partly unreadable: {error}</source>
        <translation>일부를 읽지 못함: {error}</translation>
    </message>
    <message>
        <source>Seen on the PCI bus, but no working NVIDIA driver answered: install the current NVIDIA driver.</source>
        <translation>PCI 버스에서는 보이지만 동작하는 NVIDIA 드라이버가 응답하지 않았습니다: 최신 NVIDIA 드라이버를 설치하세요.</translation>
    </message>
    <message>
        <source>This user may not open {path}, so PyTorch cannot use this GPU. Fix: sudo usermod -a -G render,video $USER, then log out and in again.</source>
        <translation>이 사용자는 {path}을(를) 열 수 없어 PyTorch가 이 GPU를 쓸 수 없습니다. 해결 방법: sudo usermod -a -G render,video $USER 를 실행한 뒤 로그아웃했다가 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>No kernel driver is using it (amdgpu is not loaded), so ROCm cannot see it.</source>
        <translation>이 GPU를 쓰는 커널 드라이버가 없어(amdgpu가 로드되지 않음) ROCm이 인식할 수 없습니다.</translation>
    </message>
    <message>
        <source>PyTorch publishes no AMD GPU builds for Windows.</source>
        <translation>PyTorch는 Windows용 AMD GPU 빌드를 내놓지 않습니다.</translation>
    </message>
    <message>
        <source>NVIDIA driver</source>
        <translation>NVIDIA 드라이버</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>찾지 못함</translation>
    </message>
    <message>
        <source>Install the current NVIDIA driver for your GPU.</source>
        <translation>GPU에 맞는 최신 NVIDIA 드라이버를 설치하세요.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Not needed without an NVIDIA GPU.</source>
        <translation>NVIDIA GPU가 없으면 필요 없습니다.</translation>
    </message>
    <message>
        <source>{version}, runs CUDA ≤ {cuda} builds</source>
        <translation>{version}, CUDA {cuda} 이하 빌드 실행 가능</translation>
    </message>
    <message>
        <source>CUDA toolkit</source>
        <translation>CUDA 툴킷</translation>
    </message>
    <message>
        <source>Not needed to run PyTorch: its wheels bring their own CUDA runtime. Needed only to compile CUDA code (nvcc).</source>
        <translation>PyTorch 실행에는 필요 없습니다: wheel에 CUDA 런타임이 들어 있습니다. CUDA 코드를 컴파일할 때(nvcc)만 필요합니다.</translation>
    </message>
    <message>
        <source>{version} at {path} (nvcc)</source>
        <translation>{path}의 {version}(nvcc 있음)</translation>
    </message>
    <message>
        <source>{version} at {path} (no nvcc)</source>
        <translation>{path}의 {version}(nvcc 없음)</translation>
    </message>
    <message>
        <source>Not needed for PyTorch: pip wheels bring their own cuDNN.</source>
        <translation>PyTorch에는 필요 없습니다: pip wheel에 cuDNN이 들어 있습니다.</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>설치 안 됨</translation>
    </message>
    <message>
        <source>Not installed in the target Python yet.</source>
        <translation>대상 Python에 아직 설치되지 않았습니다.</translation>
    </message>
    <message>
        <source>{version} (CUDA {cuda} build)</source>
        <translation>{version} (CUDA {cuda} 빌드)</translation>
    </message>
    <message>
        <source>{version} (ROCm {hip} build)</source>
        <translation>{version} (ROCm {hip} 빌드)</translation>
    </message>
    <message>
        <source>{version} (Intel XPU build)</source>
        <translation>{version} (Intel XPU 빌드)</translation>
    </message>
    <message>
        <source>{version} (CPU build)</source>
        <translation>{version} (CPU 빌드)</translation>
    </message>
    <message>
        <source>A CPU-only build is installed although this PC has {gpu}, which a GPU build of PyTorch can use.</source>
        <translation>이 PC에는 PyTorch GPU 빌드가 쓸 수 있는 {gpu}이(가) 있는데 CPU 전용 빌드가 설치되어 있습니다.</translation>
    </message>
    <message>
        <source>CUDA_PATH (two settings)</source>
        <translation>CUDA_PATH (설정 두 개)</translation>
    </message>
</context>
<context>
    <name>verify</name>
    <message>
        <source>importing torch</source>
        <translation>torch를 불러오는</translation>
    </message>
    <message>
        <source>loading cuDNN</source>
        <translation>cuDNN을 불러오는</translation>
    </message>
    <message>
        <source>starting CUDA (the NVIDIA driver)</source>
        <translation>CUDA(NVIDIA 드라이버)를 시작하는</translation>
    </message>
    <message>
        <source>starting XPU (the Intel GPU driver)</source>
        <translation>XPU(Intel GPU 드라이버)를 시작하는</translation>
    </message>
    <message>
        <source>testing the Apple GPU (MPS)</source>
        <translation>Apple GPU(MPS)를 시험하는</translation>
    </message>
    <message>
        <source>importing torchvision</source>
        <translation>torchvision을 불러오는</translation>
    </message>
    <message>
        <source>Choose a fitting build and reinstall</source>
        <translation>맞는 빌드를 골라 다시 설치</translation>
    </message>
    <message>
        <source>Reinstall with the {compute} build</source>
        <translation>{compute} 빌드로 다시 설치</translation>
    </message>
    <message>
        <source>Get the NVIDIA driver</source>
        <translation>NVIDIA 드라이버 받기</translation>
    </message>
    <message>
        <source>starting Python</source>
        <translation>Python을 시작하는</translation>
    </message>
    <message>
        <source>The check did not finish ({get}); it hung while {where}. A first import of PyTorch can be slow while antivirus software scans its large files, and a broken NVIDIA driver can hang CUDA start-up. Try again; if it hangs again, restart the computer and update the NVIDIA driver.</source>
        <translation>확인이 끝나지 않았습니다({get}): {where} 중에 멈췄습니다. 백신 프로그램이 큰 파일을 검사하는 동안 PyTorch의 첫 불러오기가 느릴 수 있고, 망가진 NVIDIA 드라이버는 CUDA 시작을 멈추게 할 수 있습니다. 다시 시도하고, 또 멈추면 컴퓨터를 다시 시작한 뒤 NVIDIA 드라이버를 업데이트하세요.</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver</source>
        <translation>NVIDIA 드라이버 업데이트</translation>
    </message>
    <message>
        <source>Its last words: {tail}</source>
        <translation>마지막 출력: {tail}</translation>
    </message>
    <message>
        <source>Check that this is a working Python interpreter.</source>
        <translation>제대로 동작하는 Python 인터프리터인지 확인하세요.</translation>
    </message>
    <message>
        <source>Copy the uninstall command</source>
        <translation>제거 명령 복사</translation>
    </message>
    <message>
        <source> Python loads the one at {file}.</source>
        <translation> Python은 {file}에 있는 것을 불러옵니다.</translation>
    </message>
    <message>
        <source>A PyTorch in your user folder ({folder}) hides the one in this environment.</source>
        <translation>사용자 폴더({folder})의 PyTorch가 이 환경의 PyTorch를 가립니다.</translation>
    </message>
    <message>
        <source>More than one PyTorch is installed in this environment.</source>
        <translation>이 환경에 PyTorch가 둘 이상 설치되어 있습니다.</translation>
    </message>
    <message>
        <source>{why} Found: {listed}.{used} Mixed copies cause confusing errors. Run the uninstall command below until pip says torch is not installed, then install PyTorch again.</source>
        <translation>{why} 찾은 것: {listed}.{used} 여러 벌이 섞이면 알기 어려운 오류가 납니다. pip가 torch가 설치되어 있지 않다고 할 때까지 아래 제거 명령을 실행한 뒤 PyTorch를 다시 설치하세요.</translation>
    </message>
    <message>
        <source>PyTorch is not installed in this Python ({python}).</source>
        <translation>이 Python({python})에는 PyTorch가 설치되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Install PyTorch</source>
        <translation>PyTorch 설치</translation>
    </message>
    <message>
        <source>PyTorch is installed but Windows could not load one of its DLL files ({text}). This usually means the Microsoft Visual C++ Redistributable is missing or outdated: install it, restart the computer, and check again. If that does not help, reinstall PyTorch.</source>
        <translation>PyTorch는 설치되어 있지만 Windows가 DLL 파일 하나를 불러오지 못했습니다({text}). 보통 Microsoft Visual C++ 재배포 가능 패키지가 없거나 오래된 경우입니다: 설치하고 컴퓨터를 다시 시작한 뒤 다시 확인하세요. 그래도 안 되면 PyTorch를 다시 설치하세요.</translation>
    </message>
    <message>
        <source>Get the VC++ runtime</source>
        <translation>VC++ 런타임 받기</translation>
    </message>
    <message>
        <source>PyTorch is installed but does not import: {text}. Reinstalling it usually repairs a broken or mixed-up installation.</source>
        <translation>PyTorch는 설치되어 있지만 불러와지지 않습니다: {text}. 다시 설치하면 보통 망가지거나 섞인 설치가 고쳐집니다.</translation>
    </message>
    <message>
        <source>Reinstall PyTorch</source>
        <translation>PyTorch 다시 설치</translation>
    </message>
    <message>
        <source>The CPU build was chosen, so PyTorch does not use {names}.</source>
        <translation>CPU 빌드를 골랐으므로 PyTorch는 {names}을(를) 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>Switch to a CUDA build</source>
        <translation>CUDA 빌드로 바꾸기</translation>
    </message>
    <message>
        <source>Switch to a {kind} build</source>
        <translation>{kind} 빌드로 바꾸기</translation>
    </message>
    <message>
        <source>Basic GPU math works on the {get}, but a convolution through MIOpen failed ({why}). Neural networks with convolution layers will fail. Reinstalling PyTorch restores the MIOpen it brings.</source>
        <translation>{get}에서 기본 GPU 계산은 되지만 MIOpen을 쓰는 합성곱이 실패했습니다({why}). 합성곱 층이 있는 신경망은 실패합니다. PyTorch를 다시 설치하면 함께 들어 있는 MIOpen이 복구됩니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} includes ROCm, but no AMD GPU was found, so it runs on the processor. That works; the CPU build would be much smaller.</source>
        <translation>PyTorch {version}에는 ROCm이 들어 있지만 AMD GPU가 없어 프로세서에서 실행됩니다. 동작은 하지만 CPU 빌드가 훨씬 작습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is built for Intel GPUs (XPU), but no Intel GPU was found, so it runs on the processor. That works; the CPU build would be much smaller.</source>
        <translation>PyTorch {version}은(는) Intel GPU(XPU)용으로 빌드되었지만 Intel GPU가 없어 프로세서에서 실행됩니다. 동작은 하지만 CPU 빌드가 훨씬 작습니다.</translation>
    </message>
    <message>
        <source>Reinstall torchvision {wanted}</source>
        <translation>torchvision {wanted} 다시 설치</translation>
    </message>
    <message>
        <source>(unknown version)</source>
        <translation>(버전 알 수 없음)</translation>
    </message>
    <message>
        <source>Open AMD&apos;s ROCm guide</source>
        <translation>AMD ROCm 안내서 열기</translation>
    </message>
    <message>
        <source>Get the Intel GPU driver</source>
        <translation>Intel GPU 드라이버 받기</translation>
    </message>
    <message>
        <source>PyTorch {version} is the CPU-only build, but this computer has {names}. Reinstall PyTorch with a CUDA build to use the GPU.</source>
        <translation>PyTorch {version}은(는) CPU 전용 빌드인데 이 컴퓨터에는 {names}이(가) 있습니다. GPU를 쓰려면 CUDA 빌드로 PyTorch를 다시 설치하세요.</translation>
    </message>
    <message>
        <source>Reinstall with a CUDA build</source>
        <translation>CUDA 빌드로 다시 설치</translation>
    </message>
    <message>
        <source>This is Linux running in WSL on Windows. WSL uses the GPU through the Windows NVIDIA driver, but its libraries (/usr/lib/wsl/lib/libcuda.so) are missing. Install or update the NVIDIA driver on Windows — do not install a Linux NVIDIA driver inside WSL — then run `wsl --shutdown` in Windows and open WSL again.</source>
        <translation>Windows의 WSL에서 실행 중인 Linux입니다. WSL은 Windows NVIDIA 드라이버로 GPU를 쓰는데, 그 라이브러리(/usr/lib/wsl/lib/libcuda.so)가 없습니다. Windows에 NVIDIA 드라이버를 설치하거나 업데이트하세요(WSL 안에 Linux NVIDIA 드라이버는 설치하지 마세요). 그다음 Windows에서 `wsl --shutdown`을 실행하고 WSL을 다시 여세요.</translation>
    </message>
    <message>
        <source>no answer within {seconds} s</source>
        <translation>{seconds}초 안에 응답 없음</translation>
    </message>
    <message>
        <source>Its answer could not be read ({error}).</source>
        <translation>응답을 읽을 수 없었습니다({error}).</translation>
    </message>
    <message>
        <source>It ended with exit code {code} without an answer.</source>
        <translation>응답 없이 종료 코드 {code}(으)로 끝났습니다.</translation>
    </message>
    <message>
        <source>Python at {python} could not run the check.</source>
        <translation>{python}의 Python으로 확인을 실행하지 못했습니다.</translation>
    </message>
    <message>
        <source>Get the Windows NVIDIA driver</source>
        <translation>Windows용 NVIDIA 드라이버 받기</translation>
    </message>
    <message>
        <source> PyTorch said: {said}</source>
        <translation> PyTorch 메시지: {said}</translation>
    </message>
    <message>
        <source>PyTorch {version} is a {kind} build, but it cannot use the GPU (torch.cuda.is_available() is False).{cause} The NVIDIA driver may be missing or not working: install or update it and restart the computer.</source>
        <translation>PyTorch {version}은(는) {kind} 빌드인데 GPU를 쓰지 못합니다(torch.cuda.is_available()이 False).{cause} NVIDIA 드라이버가 없거나 동작하지 않을 수 있습니다: 설치하거나 업데이트하고 컴퓨터를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Install or update the NVIDIA driver</source>
        <translation>NVIDIA 드라이버 설치 또는 업데이트</translation>
    </message>
    <message>
        <source>Your {name} (compute capability {cap}, {_sm}) is not supported by PyTorch {version}: this build carries GPU code for {arch_short} only, so the GPU cannot run anything (&quot;no kernel image is available&quot;). Install a build that still supports this GPU: an older CUDA variant or an older PyTorch version.</source>
        <translation>{name}(연산 능력 {cap}, {_sm})은(는) PyTorch {version}이(가) 지원하지 않습니다: 이 빌드에는 {arch_short}용 GPU 코드만 있어 GPU에서 아무것도 실행할 수 없습니다(&quot;no kernel image is available&quot;). 이 GPU를 아직 지원하는 빌드(더 오래된 CUDA 빌드나 더 오래된 PyTorch 버전)를 설치하세요.</translation>
    </message>
    <message>
        <source>Choose a build for this GPU</source>
        <translation>이 GPU에 맞는 빌드 고르기</translation>
    </message>
    <message>
        <source>PyTorch {version} is the CPU-only build, but this computer has {names}, which PyTorch&apos;s {kind} build can use. Reinstall PyTorch with a {kind} build to use the GPU.</source>
        <translation>PyTorch {version}은(는) CPU 전용 빌드인데 이 컴퓨터에는 PyTorch {kind} 빌드가 쓸 수 있는 {names}이(가) 있습니다. GPU를 쓰려면 {kind} 빌드로 PyTorch를 다시 설치하세요.</translation>
    </message>
    <message>
        <source>Reinstall with a {kind} build</source>
        <translation>{kind} 빌드로 다시 설치</translation>
    </message>
    <message>
        <source> (for Python {python} only)</source>
        <translation> (Python {python} 전용)</translation>
    </message>
    <message>
        <source>AMD&apos;s preview builds for Windows</source>
        <translation>Windows용 AMD 프리뷰 빌드</translation>
    </message>
    <message>
        <source>PyTorch has no GPU build for AMD graphics cards ({names}) on Windows: its index has ROCm builds for Linux only, so the CPU build is the right one from there. AMD publishes preview builds of its own for some Radeon cards{only}; they are not PyTorch&apos;s, and the assistant does not install them.</source>
        <translation>PyTorch에는 Windows에서 AMD 그래픽 카드({names})용 GPU 빌드가 없습니다: PyTorch 인덱스에는 Linux용 ROCm 빌드만 있으므로, 그곳에서 받을 빌드로는 CPU 빌드가 맞습니다. AMD가 일부 Radeon 카드용으로 자체 프리뷰 빌드를 배포합니다{only}. 이는 PyTorch의 빌드가 아니며, 도우미는 설치하지 않습니다.</translation>
    </message>
    <message>
        <source> ({names} has no driver loaded)</source>
        <translation> ({names}에 로드된 드라이버 없음)</translation>
    </message>
    <message>
        <source>This is a ROCm build, but there is no /dev/kfd: the amdgpu kernel driver with its compute part (KFD) is not loaded{why}. PyTorch&apos;s ROCm build brings the ROCm libraries itself and needs only that driver: install it as AMD&apos;s ROCm guide shows (or use a kernel that has it), restart the computer, and check again. In a container, pass the devices in (--device=/dev/kfd --device=/dev/dri).</source>
        <translation>ROCm 빌드인데 /dev/kfd가 없습니다: 연산 부분(KFD)을 포함한 amdgpu 커널 드라이버가 로드되지 않았습니다{why}. PyTorch ROCm 빌드는 ROCm 라이브러리를 직접 포함하므로 이 드라이버만 있으면 됩니다: AMD ROCm 안내서대로 설치하고(또는 이 드라이버가 있는 커널을 사용하고) 컴퓨터를 다시 시작한 뒤 다시 확인하세요. 컨테이너에서는 장치를 전달하세요(--device=/dev/kfd --device=/dev/dri).</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>PyTorch may not open {device} (it needs to read and write it), so it cannot use the AMD GPU. On Linux the members of these groups may: {groups}; you are in: {yours}. Add yourself with the command below (it asks for your password), then log out and in again so the new groups take effect, and check again.</source>
        <translation>PyTorch가 {device}을(를) 열 수 없어(읽고 쓸 수 있어야 합니다) AMD GPU를 쓸 수 없습니다. Linux에서는 다음 그룹의 구성원만 열 수 있습니다: {groups}. 지금 속한 그룹: {yours}. 아래 명령으로 자신을 그룹에 추가하고(비밀번호를 묻습니다), 새 그룹이 적용되도록 로그아웃했다가 다시 로그인한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>Copy the command that adds you to the groups</source>
        <translation>그룹에 추가하는 명령 복사</translation>
    </message>
    <message>
        <source> {variables} is set, which can hide GPUs from ROCm: unset it.</source>
        <translation> {variables}이(가) 설정되어 있어 ROCm이 GPU를 보지 못할 수 있습니다: 해제하세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} is a ROCm build, but it cannot use the AMD GPU (torch.cuda.is_available() is False).{cause}{hidden} Check that the amdgpu kernel driver is loaded and that the card is one ROCm supports, restart the computer, and check again.</source>
        <translation>PyTorch {version}은(는) ROCm 빌드인데 AMD GPU를 쓰지 못합니다(torch.cuda.is_available()이 False).{cause}{hidden} amdgpu 커널 드라이버가 로드되어 있는지, 카드가 ROCm이 지원하는 것인지 확인하고 컴퓨터를 다시 시작한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>Your {name} ({gfx}) is not supported by PyTorch {version}: this ROCm build carries GPU code for {targets} only, so the GPU cannot run PyTorch&apos;s code (&quot;invalid device function&quot;).</source>
        <translation>{name}({gfx})은(는) PyTorch {version}이(가) 지원하지 않습니다: 이 ROCm 빌드에는 {targets}용 GPU 코드만 있어 GPU가 PyTorch 코드를 실행할 수 없습니다(&quot;invalid device function&quot;).</translation>
    </message>
    <message>
        <source>Use the CPU build</source>
        <translation>CPU 빌드 사용</translation>
    </message>
    <message>
        <source>HSA_OVERRIDE_GFX_VERSION is set to {value} and the card still fails: that value does not fit it. Remove the setting, then use the CPU build or another GPU.</source>
        <translation>HSA_OVERRIDE_GFX_VERSION이 {value}(으)로 설정되어 있는데도 카드가 실패합니다: 이 값은 이 카드에 맞지 않습니다. 설정을 지우고 CPU 빌드나 다른 GPU를 사용하세요.</translation>
    </message>
    <message>
        <source>A workaround is known for {gfx}, unsupported by AMD: set HSA_OVERRIDE_GFX_VERSION={value} before Python starts (for example with the command below in your shell, or in ~/.profile for every session), which makes ROCm treat the card as {as_gfx}. It applies to every AMD GPU of the process.</source>
        <translation>{gfx}에는 AMD가 지원하지 않는 우회 방법이 알려져 있습니다: Python이 시작되기 전에 HSA_OVERRIDE_GFX_VERSION={value}를 설정하세요(예: 셸에서 아래 명령을 실행하거나, 모든 세션에 적용하려면 ~/.profile에 넣으세요). 그러면 ROCm이 이 카드를 {as_gfx}(으)로 취급합니다. 이 설정은 프로세스의 모든 AMD GPU에 적용됩니다.</translation>
    </message>
    <message>
        <source>Copy the command that sets the workaround</source>
        <translation>우회 방법을 설정하는 명령 복사</translation>
    </message>
    <message>
        <source>The HSA_OVERRIDE_GFX_VERSION workaround is known to fail on {gfx} ({why}): do not use it. Use the CPU build, or another GPU.</source>
        <translation>HSA_OVERRIDE_GFX_VERSION 우회 방법은 {gfx}에서 실패하는 것으로 알려져 있습니다({why}): 사용하지 마세요. CPU 빌드나 다른 GPU를 사용하세요.</translation>
    </message>
    <message>
        <source>No workaround is known for it: use the CPU build, or another GPU.</source>
        <translation>이 GPU에 알려진 우회 방법이 없습니다: CPU 빌드나 다른 GPU를 사용하세요.</translation>
    </message>
    <message>
        <source> This computer has {count} AMD GPUs: the setting applies to all of them and can break the ones it is not meant for (HIP_VISIBLE_DEVICES can leave them out).</source>
        <translation> 이 컴퓨터에는 AMD GPU가 {count}개 있습니다: 이 설정은 모든 GPU에 적용되므로 대상이 아닌 GPU가 제대로 동작하지 않을 수 있습니다(HIP_VISIBLE_DEVICES로 그 GPU를 뺄 수 있습니다).</translation>
    </message>
    <message>
        <source>HSA_OVERRIDE_GFX_VERSION is set to {value}: ROCm treats every AMD GPU this program uses as {as_gfx}. It is a workaround AMD does not support; remove it once PyTorch carries code for your card.{several}</source>
        <translation>HSA_OVERRIDE_GFX_VERSION이 {value}(으)로 설정되어 있습니다: ROCm은 이 프로그램이 쓰는 모든 AMD GPU를 {as_gfx}(으)로 취급합니다. AMD가 지원하지 않는 우회 방법이므로, PyTorch가 이 카드용 코드를 갖추면 지우세요.{several}</translation>
    </message>
    <message>
        <source>an Intel GPU</source>
        <translation>Intel GPU</translation>
    </message>
    <message>
        <source>PyTorch {version} is built for Intel GPUs (XPU), but it cannot use {names}: PyTorch supports these Intel GPU families: {families}. The CPU build is the right one for this computer.</source>
        <translation>PyTorch {version}은(는) Intel GPU(XPU)용으로 빌드되었지만 {names}을(를) 쓸 수 없습니다: PyTorch가 지원하는 Intel GPU 계열은 {families}입니다. 이 컴퓨터에는 CPU 빌드가 맞습니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is built for Intel GPUs (XPU), but it cannot use {names} (torch.xpu.is_available() is False).</source>
        <translation>PyTorch {version}은(는) Intel GPU(XPU)용으로 빌드되었지만 {names}을(를) 쓸 수 없습니다(torch.xpu.is_available()이 False).</translation>
    </message>
    <message>
        <source>Install or update the Intel GPU driver, restart the computer, and check again.</source>
        <translation>Intel GPU 드라이버를 설치하거나 업데이트하고 컴퓨터를 다시 시작한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>The Intel compute runtime (Level Zero and OpenCL) is missing or too old: install Intel&apos;s GPU driver packages for Linux as Intel&apos;s guide shows, then check again.</source>
        <translation>Intel 연산 런타임(Level Zero와 OpenCL)이 없거나 너무 오래되었습니다: Intel 안내서대로 Linux용 Intel GPU 드라이버 패키지를 설치한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>You may not open {node} either: add yourself to the render group with the command below, then log out and in again.</source>
        <translation>{node}도 열 수 없습니다: 아래 명령으로 자신을 render 그룹에 추가한 뒤 로그아웃했다가 다시 로그인하세요.</translation>
    </message>
    <message>
        <source>Copy the command that adds you to the render group</source>
        <translation>render 그룹에 추가하는 명령 복사</translation>
    </message>
    <message>
        <source>Apple&apos;s page on PyTorch and Metal</source>
        <translation>PyTorch와 Metal에 관한 Apple 안내 페이지</translation>
    </message>
    <message>
        <source>PyTorch {version} can use this Mac&apos;s GPU through MPS, but MPS needs macOS {minimum} or newer and this Mac has macOS {macos}, so PyTorch runs on the processor. Update macOS (System Settings, Software Update), then check again.</source>
        <translation>PyTorch {version}은(는) MPS로 이 Mac의 GPU를 쓸 수 있지만, MPS에는 macOS {minimum} 이상이 필요한데 이 Mac은 macOS {macos}이므로 PyTorch가 프로세서에서 실행됩니다. macOS를 업데이트한(시스템 설정, 소프트웨어 업데이트) 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} has MPS, but torch.backends.mps.is_available() is False, so it runs on the processor. MPS needs macOS {minimum} or newer and a Mac with Apple silicon or an AMD GPU (not a virtual machine).</source>
        <translation>PyTorch {version}에는 MPS가 있지만 torch.backends.mps.is_available()이 False이므로 프로세서에서 실행됩니다. MPS에는 macOS {minimum} 이상과, Apple 실리콘 또는 AMD GPU가 있는 Mac(가상 머신 제외)이 필요합니다.</translation>
    </message>
    <message>
        <source>Update the amdgpu driver as AMD&apos;s ROCm guide shows, restart the computer, then check again.</source>
        <translation>AMD ROCm 안내서대로 amdgpu 드라이버를 업데이트하고 컴퓨터를 다시 시작한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>Update the Intel GPU driver, restart the computer, then check again.</source>
        <translation>Intel GPU 드라이버를 업데이트하고 컴퓨터를 다시 시작한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>Update macOS, then check again.</source>
        <translation>macOS를 업데이트한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>Update the NVIDIA driver and restart the computer, then check again.</source>
        <translation>NVIDIA 드라이버를 업데이트하고 컴퓨터를 다시 시작한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>It ran but gave a wrong result, which points at the driver or the hardware. Update the NVIDIA driver and check again.</source>
        <translation>실행은 됐지만 결과가 틀렸습니다. 드라이버나 하드웨어 문제로 보입니다. NVIDIA 드라이버를 업데이트하고 다시 확인하세요.</translation>
    </message>
    <message>
        <source>It ran but gave a wrong result, which points at the driver or the hardware.</source>
        <translation>실행은 됐지만 결과가 틀렸습니다. 드라이버나 하드웨어 문제로 보입니다.</translation>
    </message>
    <message>
        <source>A small test computation on the {name} failed{what}. {advice}</source>
        <translation>{name}에서 작은 시험 계산이 실패했습니다{what}. {advice}</translation>
    </message>
    <message>
        <source>Basic GPU math works on the {get}, but a convolution through cuDNN failed ({why}). Neural networks with convolution layers will fail. A different cuDNN on PATH or LD_LIBRARY_PATH can get in the way of PyTorch&apos;s own; reinstalling PyTorch restores its copy.</source>
        <translation>{get}에서 기본 GPU 계산은 되지만 cuDNN을 쓰는 합성곱이 실패했습니다({why}). 합성곱 층이 있는 신경망은 실패합니다. PATH나 LD_LIBRARY_PATH에 있는 다른 cuDNN이 PyTorch 자체 cuDNN을 방해할 수 있습니다. PyTorch를 다시 설치하면 자체 cuDNN이 복원됩니다.</translation>
    </message>
    <message>
        <source>PyTorch {version} is the CPU build and no NVIDIA GPU was found, so it runs on the processor. That is the right build for this computer.{mps}</source>
        <translation>PyTorch {version}은(는) CPU 빌드이고 NVIDIA GPU가 없으므로 프로세서에서 실행됩니다. 이 컴퓨터에 맞는 빌드입니다.{mps}</translation>
    </message>
    <message>
        <source>PyTorch {version} includes CUDA, but no NVIDIA GPU was found, so it runs on the processor. That works; the CPU build would be much smaller.</source>
        <translation>PyTorch {version}에는 CUDA가 들어 있지만 NVIDIA GPU가 없어 프로세서에서 실행됩니다. 동작은 하지만 CPU 빌드가 훨씬 작습니다.</translation>
    </message>
    <message>
        <source> To compile CUDA extensions for this PyTorch (CUDA {cuda}), use a CUDA {major}.x toolkit.</source>
        <translation> 이 PyTorch(CUDA {cuda})용 CUDA 확장을 컴파일하려면 CUDA {major}.x 툴킷을 쓰세요.</translation>
    </message>
    <message>
        <source>nvcc (CUDA {get}) is at {get2}. It is only needed to compile CUDA code; PyTorch brings its own CUDA libraries.{note}</source>
        <translation>nvcc(CUDA {get})는 {get2}에 있습니다. CUDA 코드를 컴파일할 때만 필요하며, PyTorch에는 자체 CUDA 라이브러리가 들어 있습니다.{note}</translation>
    </message>
    <message>
        <source>Copy the command that unsets it</source>
        <translation>해제 명령 복사</translation>
    </message>
    <message>
        <source>The environment variable CUDA_VISIBLE_DEVICES is set to {value}, which hides every GPU from PyTorch. {where}, then open a new terminal and check again.</source>
        <translation>환경 변수 CUDA_VISIBLE_DEVICES가 {value}(으)로 설정되어 PyTorch가 모든 GPU를 보지 못합니다. {where}, 그다음 새 터미널을 열고 다시 확인하세요.</translation>
    </message>
    <message>
        <source>CUDA_VISIBLE_DEVICES is {value}, but this computer has {expected} NVIDIA GPU(s), numbered from 0: the ids from the first missing one on are ignored, so some GPUs may be hidden. {where}, or list only existing ids.</source>
        <translation>CUDA_VISIBLE_DEVICES가 {value}인데 이 컴퓨터의 NVIDIA GPU는 {expected}개(0번부터)입니다: 처음 없는 번호부터는 무시되므로 일부 GPU가 가려질 수 있습니다. {where}, 아니면 있는 번호만 적으세요.</translation>
    </message>
    <message>
        <source>driver {driver} (it runs CUDA up to {cuda})</source>
        <translation>드라이버 {driver}(CUDA {cuda}까지 실행)</translation>
    </message>
    <message>
        <source>driver {driver}</source>
        <translation>드라이버 {driver}</translation>
    </message>
    <message>
        <source>an older driver</source>
        <translation>더 오래된 드라이버</translation>
    </message>
    <message>
        <source>driver {minimum} or newer</source>
        <translation>드라이버 {minimum} 이상</translation>
    </message>
    <message>
        <source>a newer driver</source>
        <translation>더 새 드라이버</translation>
    </message>
    <message>
        <source>PyTorch {version} is built with CUDA {torch_cuda}, which needs NVIDIA {need}; this computer has {have}. Update the NVIDIA driver (or install a PyTorch build for an older CUDA version), then check again.</source>
        <translation>PyTorch {version}은(는) CUDA {torch_cuda}로 빌드되어 NVIDIA {need}이(가) 필요한데, 이 컴퓨터에는 {have}이(가) 있습니다. NVIDIA 드라이버를 업데이트(또는 더 오래된 CUDA용 PyTorch 빌드를 설치)한 뒤 다시 확인하세요.</translation>
    </message>
    <message>
        <source>PyTorch {version} needs torchvision {wanted}</source>
        <translation>PyTorch {version}에는 torchvision {wanted}이(가) 필요합니다</translation>
    </message>
    <message>
        <source>Reinstall PyTorch and torchvision together</source>
        <translation>PyTorch와 torchvision을 함께 다시 설치</translation>
    </message>
    <message>
        <source>torchvision must be the release made for PyTorch {version}</source>
        <translation>torchvision은 PyTorch {version}용 릴리스여야 합니다</translation>
    </message>
    <message>
        <source>torchvision {value} does not work with this PyTorch: {why}. {match}; install the matching version.</source>
        <translation>torchvision {value}은(는) 이 PyTorch와 동작하지 않습니다: {why}. {match}. 맞는 버전을 설치하세요.</translation>
    </message>
    <message>
        <source>torchvision {installed} is not the release made for PyTorch {version}; {match}. It may break in some operations: install the matching version.</source>
        <translation>torchvision {installed}은(는) PyTorch {version}용 릴리스가 아닙니다. {match}. 일부 연산에서 깨질 수 있으니 맞는 버전을 설치하세요.</translation>
    </message>
    <message>
        <source>does not import</source>
        <translation>불러와지지 않음</translation>
    </message>
    <message>
        <source>CUDA available</source>
        <translation>CUDA 사용 가능</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>no kernels in this build</source>
        <translation>이 빌드에 커널 없음</translation>
    </message>
    <message>
        <source>ROCm (AMD GPU) available</source>
        <translation>ROCm(AMD GPU) 사용 가능</translation>
    </message>
    <message>
        <source>AMD GPU {index}</source>
        <translation>AMD GPU {index}</translation>
    </message>
    <message>
        <source>XPU (Intel GPU) available</source>
        <translation>XPU(Intel GPU) 사용 가능</translation>
    </message>
    <message>
        <source>Intel GPU {index}</source>
        <translation>Intel GPU {index}</translation>
    </message>
    <message>
        <source>MPS (Apple GPU) available</source>
        <translation>MPS(Apple GPU) 사용 가능</translation>
    </message>
    <message>
        <source>Apple GPU</source>
        <translation>Apple GPU</translation>
    </message>
    <message>
        <source>{version} (ROCm {hip} build)</source>
        <translation>{version} (ROCm {hip} 빌드)</translation>
    </message>
    <message>
        <source>{version} (XPU build for Intel GPUs)</source>
        <translation>{version} (Intel GPU용 XPU 빌드)</translation>
    </message>
    <message>
        <source>{version} (with MPS for the Apple GPU)</source>
        <translation>{version} (Apple GPU용 MPS 포함)</translation>
    </message>
    <message>
        <source>test computation correct</source>
        <translation>시험 계산 정상</translation>
    </message>
    <message>
        <source>test computation failed</source>
        <translation>시험 계산 실패</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>설치 안 됨</translation>
    </message>
    <message>
        <source>installed, but does not import</source>
        <translation>설치되었지만 불러와지지 않음</translation>
    </message>
    <message>
        <source>one of its DLL files does not load</source>
        <translation>DLL 파일 하나를 불러오지 못함</translation>
    </message>
    <message>
        <source>installed more than once</source>
        <translation>두 번 이상 설치됨</translation>
    </message>
    <message>
        <source>the check hung</source>
        <translation>확인이 멈춤</translation>
    </message>
    <message>
        <source>the check could not run</source>
        <translation>확인을 실행할 수 없음</translation>
    </message>
    <message>
        <source>the CPU build is installed</source>
        <translation>CPU 빌드가 설치됨</translation>
    </message>
    <message>
        <source>the GPU cannot be used</source>
        <translation>GPU를 쓸 수 없음</translation>
    </message>
    <message>
        <source>CUDA_VISIBLE_DEVICES hides GPUs</source>
        <translation>CUDA_VISIBLE_DEVICES가 GPU를 가림</translation>
    </message>
    <message>
        <source>the driver is too old</source>
        <translation>드라이버가 너무 오래됨</translation>
    </message>
    <message>
        <source>WSL&apos;s driver libraries are missing</source>
        <translation>WSL 드라이버 라이브러리가 없음</translation>
    </message>
    <message>
        <source>no permission to use the GPU</source>
        <translation>GPU 사용 권한 없음</translation>
    </message>
    <message>
        <source>the amdgpu driver is not loaded</source>
        <translation>amdgpu 드라이버가 로드되지 않음</translation>
    </message>
    <message>
        <source>MPS cannot be used</source>
        <translation>MPS를 쓸 수 없음</translation>
    </message>
    <message>
        <source>this build has no code for this GPU</source>
        <translation>이 빌드에 이 GPU용 코드가 없음</translation>
    </message>
    <message>
        <source>the test computation failed</source>
        <translation>시험 계산 실패</translation>
    </message>
    <message>
        <source>a test convolution failed</source>
        <translation>시험 합성곱 실패</translation>
    </message>
    <message>
        <source>does not work with this PyTorch</source>
        <translation>이 PyTorch와 동작하지 않음</translation>
    </message>
    <message>
        <source>cannot compile</source>
        <translation>컴파일할 수 없음</translation>
    </message>
    <message>
        <source>a workaround AMD does not support</source>
        <translation>AMD가 지원하지 않는 우회 방법</translation>
    </message>
    <message>
        <source>not the release made for this PyTorch</source>
        <translation>이 PyTorch용 릴리스가 아님</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>확인 결과</translation>
    </message>
    <message>
        <source>{check}: {problem}</source>
        <translation>{check}: {problem}</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>확인 안 됨</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>보고되지 않음</translation>
    </message>
    <message>
        <source>not used by this build</source>
        <translation>이 빌드는 사용 안 함</translation>
    </message>
    <message>
        <source>Variables set</source>
        <translation>설정된 변수</translation>
    </message>
    <message>
        <source>nvcc (CUDA compiler)</source>
        <translation>nvcc(CUDA 컴파일러)</translation>
    </message>
    <message>
        <source>{version} at {path}</source>
        <translation>{path}의 {version}</translation>
    </message>
    <message>
        <source>not on PATH</source>
        <translation>PATH에 없음</translation>
    </message>
    <message>
        <source>Only needed to compile CUDA code.</source>
        <translation>CUDA 코드를 컴파일할 때만 필요합니다.</translation>
    </message>
</context>
</TS>
