"""Where the tests find the repository and the vnaudit tool: VNAUDIT_SOURCE_DIR
and VNAUDIT_TOOL (ctest sets both); by default the repository above python/
and its build/vnaudit."""
import os

import pytest

SOURCE = os.environ.get("VNAUDIT_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.environ.get("VNAUDIT_TOOL") or os.path.join(SOURCE, "build", "vnaudit")


def documents():
    """Every fixture document of the repository (text, DOCX, ODT, FODT, HTML),
    the hostile ones apart."""
    out = []
    for base in ("examples", "fixtures"):
        for root, _dirs, files in os.walk(os.path.join(SOURCE, base)):
            for f in sorted(files):
                if f.endswith(".expected.txt") or f.startswith("hostile-"):
                    continue
                if f.endswith((".txt", ".docx", ".odt", ".fodt", ".html")):
                    out.append(os.path.relpath(os.path.join(root, f), SOURCE))
    return sorted(out)


def hostile():
    d = os.path.join(SOURCE, "fixtures", "docs")
    return sorted(os.path.join("fixtures", "docs", f) for f in os.listdir(d) if f.startswith("hostile-"))


@pytest.fixture(autouse=True)
def _in_source(monkeypatch):
    # relative paths, as a user gives them on the command line
    monkeypatch.chdir(SOURCE)
