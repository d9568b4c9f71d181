"""The inputs of an archive run, found the way `vnaudit ingest` finds them
(cli/walk.c): paths given, folders walked recursively with names in byte
order, each folder once by device and inode (a link back up the tree ends),
at most 256 levels; manifests read a path a line. Everything found is kept,
including what cannot be read (an unreadable folder, a broken link, a FIFO),
with the reason, so that it gets its row. Paths are kept as found: the key
of a document."""

import collections
import errno
import os
import stat

MAX_DEPTH = 256


# the path as found, why it will not be read (or None), its size from stat (-1 unknown)
Input = collections.namedtuple("Input", "name problem size")


class Walk:
    def __init__(self):
        self.inputs = []
        self._seen = set()

    def _push(self, path, problem=None, size=-1):
        self.inputs.append(Input(os.fsdecode(path), problem, size))

    def _dir(self, path, depth):
        try:
            names = sorted(os.listdir(path))    # bytes: strcmp order, as the CLI
        except OSError as e:
            self._push(path, "folder not readable: permission denied" if e.errno == errno.EACCES
                       else "folder could not be read")
            return
        base = path
        while len(base) > 1 and base.endswith(b"/"):
            base = base[:-1]
        for name in names:
            self._add(base + b"/" + name, depth + 1)

    def _add(self, path, depth):
        try:
            sb = os.stat(path)
        except OSError as e:
            try:
                link = stat.S_ISLNK(os.lstat(path).st_mode)
            except OSError:
                link = False
            self._push(path, "broken symbolic link" if link
                       else "permission denied" if e.errno == errno.EACCES else "no such file")
            return
        if stat.S_ISDIR(sb.st_mode):
            key = (sb.st_dev, sb.st_ino)
            if key in self._seen:
                return      # walked already (a link to a folder above, or given twice)
            self._seen.add(key)
            if depth >= MAX_DEPTH:
                self._push(path, "folder nested too deep (more than 256 levels)")
                return
            self._dir(path, depth)
        elif not stat.S_ISREG(sb.st_mode):
            self._push(path, "not a regular file (a device, FIFO or socket)")
        else:
            self._push(path, None, sb.st_size)

    def add(self, path):
        """A file, or a folder walked recursively."""
        self._add(os.fsencode(path), 0)

    def add_list(self, f):
        """Each line of a file object (text or binary) is a path; empty lines
        are skipped."""
        for line in f:
            if isinstance(line, str):
                line = os.fsencode(line)
            line = line.rstrip(b"\r\n")
            if line:
                self._add(line, 0)


def is_manifest(x):
    """A file object (anything with readline) is a manifest: a path a line."""
    return hasattr(x, "readline")


def walk(paths_or_manifest):
    """The inputs of a list of paths (files or folders), of one path, or of
    a manifest (an open file of paths, one a line)."""
    w = Walk()
    if is_manifest(paths_or_manifest):
        w.add_list(paths_or_manifest)
    elif isinstance(paths_or_manifest, (str, bytes, os.PathLike)):
        w.add(paths_or_manifest)
    else:
        for p in paths_or_manifest:
            if is_manifest(p):
                w.add_list(p)
            else:
                w.add(p)
    return w.inputs
