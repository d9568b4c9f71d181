"""A PEP 517 build backend that needs only the standard library, a C
compiler and pkg-config, so that `pip install ./python` works without
network (no setuptools to fetch into pip's isolated build environment).

It compiles vnaudit/_vnaudit.c and links it with libvnaudit.a, found:
  1. in $VNAUDIT_BUILD_DIR (a CMake build of this repository), else
  2. by building the repository above this directory with CMake (library
     only, Release) into a temporary directory, else
  3. installed, through pkg-config (`vnaudit.pc`).
"""

import base64
import hashlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # python/
REPO = os.path.dirname(HERE)
NAME = "vnaudit"
DEPS = ["libpcre2-8", "icu-uc", "icu-i18n", "libxml-2.0", "libzip", "sqlite3"]
# the optional readers (cmake/Readers.cmake): the library is built with each one whose modules are found, so
# the module links those that pkg-config finds (one more than needed is harmless; one fewer is not)
OPTIONAL_DEPS = ["poppler-glib", "cairo", "zlib", "tesseract", "lept"]


def _version():
    try:
        with open(os.path.join(REPO, "CMakeLists.txt"), encoding="utf-8") as f:
            m = re.search(r"project\(vnaudit\s+VERSION\s+([0-9.]+)", f.read())
            if m:
                return m.group(1)
    except OSError:
        pass
    with open(os.path.join(HERE, "PKG-INFO"), encoding="utf-8") as f:     # an sdist
        return re.search(r"^Version: (.+)$", f.read(), re.M).group(1).strip()


def _run(cmd, **kw):
    print("vnaudit_build:", " ".join(shlex.quote(c) for c in cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=sys.stderr, **kw)


def _pkgconfig(*args):
    return shlex.split(subprocess.run(["pkg-config"] + list(args), check=True, capture_output=True,
                                      text=True).stdout)


def _library(tmp):
    """(compile flags, link flags) for libvnaudit."""
    found = [m for m in OPTIONAL_DEPS if subprocess.run(["pkg-config", "--exists", m]).returncode == 0]
    deps = _pkgconfig("--libs", *DEPS, *found) + ["-pthread", "-lm"]
    build = os.environ.get("VNAUDIT_BUILD_DIR")
    if not build and os.path.exists(os.path.join(REPO, "include", "vnaudit", "vnaudit.h")):
        build = os.path.join(tmp, "cmake")
        _run(["cmake", "-S", REPO, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DVNAUDIT_TESTS=OFF",
              "-DVNAUDIT_CLI=OFF", "-DVNAUDIT_INSTALL=OFF"])
        _run(["cmake", "--build", build, "--target", "vnaudit_static", "-j2"])
    if build:
        lib = os.path.join(build, "libvnaudit.a")
        if not os.path.exists(lib):
            raise RuntimeError("%s: no libvnaudit.a (build the library first)" % build)
        # --exclude-libs: the module exports PyInit__vnaudit, not the vn_* of the static library
        return (["-I" + os.path.join(REPO, "include"), "-I" + os.path.join(build, "include")],
                [lib, "-Wl,--exclude-libs,ALL"] + deps)
    cflags = _pkgconfig("--cflags", "vnaudit")
    libdir = _pkgconfig("--variable=libdir", "vnaudit")
    return cflags, _pkgconfig("--libs", "vnaudit") + ["-Wl,-rpath," + "".join(libdir)] + deps


def _compile(tmp):
    """Builds the extension; returns its path."""
    cflags, ldflags = _library(tmp)
    cc = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    out = os.path.join(tmp, "_vnaudit" + suffix)
    extra = shlex.split(os.environ.get("CFLAGS", "")) + shlex.split(os.environ.get("LDFLAGS", ""))
    _run(cc + ["-shared", "-fPIC", "-O2", "-std=gnu11", "-Wall", "-Wextra", "-fvisibility=hidden",
               "-I" + sysconfig.get_paths()["include"]] + cflags + extra +
         [os.path.join(HERE, "vnaudit", c) for c in ("_vnaudit.c", "_archive.c")] + ["-o", out] + ldflags)
    return out


def _tag():
    impl = "cp" if sys.implementation.name == "cpython" else sys.implementation.name[:2]
    py = "%s%d%d" % (impl, sys.version_info[0], sys.version_info[1])
    plat = re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())
    return "%s-%s-%s" % (py, py, plat)


def _metadata():
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n"
            "Summary: Extract and check the arithmetic of Vietnamese government budget reports\n"
            "License: MIT\nRequires-Python: >=3.8\nProvides-Extra: pandas\n"
            "Requires-Dist: pandas; extra == \"pandas\"\n" % (NAME, _version()))


def _dist_info():
    return "%s-%s.dist-info" % (NAME, _version())


def _write_metadata(directory):
    info = os.path.join(directory, _dist_info())
    os.makedirs(info, exist_ok=True)
    with open(os.path.join(info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    return _dist_info()


# --- PEP 517 hooks ---

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _write_metadata(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    tmp = tempfile.mkdtemp(prefix="vnaudit-build-")
    try:
        ext = _compile(tmp)
        files = {}
        pkg = os.path.join(HERE, "vnaudit")
        for name in sorted(os.listdir(pkg)):
            if name.endswith(".py"):
                with open(os.path.join(pkg, name), "rb") as f:
                    files["vnaudit/" + name] = f.read()
        with open(ext, "rb") as f:
            files["vnaudit/" + os.path.basename(ext)] = f.read()
        info = _dist_info()
        files[info + "/METADATA"] = _metadata().encode()
        files[info + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: vnaudit_build\nRoot-Is-Purelib: false\n"
                                  "Tag: %s\n" % _tag()).encode()
        files[info + "/top_level.txt"] = b"vnaudit\n"
        record = io.StringIO()
        for path, data in files.items():
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.write("%s,sha256=%s,%d\n" % (path, digest, len(data)))
        record.write("%s/RECORD,,\n" % info)
        files[info + "/RECORD"] = record.getvalue().encode()
        wheel = "%s-%s-%s.whl" % (NAME, _version(), _tag())
        with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w", zipfile.ZIP_DEFLATED) as z:
            for path, data in files.items():
                z.writestr(path, data)
        return wheel
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build_sdist(sdist_directory, config_settings=None):
    """The python/ directory alone: building it needs an installed libvnaudit
    (pkg-config) or VNAUDIT_BUILD_DIR."""
    base = "%s-%s" % (NAME, _version())
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as t:
        for rel in ("pyproject.toml", "README.md", "_build/vnaudit_build.py"):
            t.add(os.path.join(HERE, rel), arcname=base + "/" + rel)
        for f in sorted(os.listdir(os.path.join(HERE, "vnaudit"))):
            if f.endswith((".py", ".c", ".h")):
                t.add(os.path.join(HERE, "vnaudit", f), arcname=base + "/vnaudit/" + f)
        data = _metadata().encode()
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    return name
