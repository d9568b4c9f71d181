/* vnaudit._vnaudit.Archive: one connection to an archive (struct
 * vn_archive, include/vnaudit/archive.h), storing files the way `vnaudit
 * ingest` does (vn_archive_entry_read, then vn_archive_store), so a program
 * in Python (vnaudit.dask's shards) makes the rows the CLI makes. The GIL
 * is released while the library works; a lock keeps one call at a time on
 * one Archive (one connection, one thread at a time). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <string.h>

#include "_vnaudit.h"

typedef struct {
    PyObject_HEAD
    struct vn_archive *a;
    PyThread_type_lock lock;
    PyObject *path;     /* bytes: the database, for messages */
} Archive;

static const char *db_name(Archive *self)
{
    return self->path ? PyBytes_AS_STRING(self->path) : "archive";
}

static int ready(Archive *self)
{
    if (self->a)
        return 1;
    PyErr_SetString(PyExc_ValueError, "the archive is closed");
    return 0;
}

static void Archive_dealloc(Archive *self)
{
    vn_archive_free(self->a);
    if (self->lock)
        PyThread_free_lock(self->lock);
    Py_XDECREF(self->path);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Archive(path, mode="write"): "read", "write" or "exclusive" (one writer
 * at a time: another exclusive opening fails with VnauditError, VN_EBUSY). */
static int Archive_init(Archive *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"path", "mode", NULL};
    PyObject *path = NULL;
    const char *mode = "write";
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|s", kwlist, PyUnicode_FSConverter, &path, &mode))
        return -1;
    struct vn_archive_opts ao;
    memset(&ao, 0, sizeof ao);
    if (!strcmp(mode, "read"))
        ao.mode = VN_ARCHIVE_READ;
    else if (!strcmp(mode, "write"))
        ao.mode = VN_ARCHIVE_WRITE;
    else if (!strcmp(mode, "exclusive"))
        ao.mode = VN_ARCHIVE_WRITE_EXCLUSIVE;
    else {
        Py_DECREF(path);
        PyErr_Format(PyExc_ValueError, "mode must be \"read\", \"write\" or \"exclusive\", not \"%s\"", mode);
        return -1;
    }
    if (self->a) {
        Py_DECREF(path);
        PyErr_SetString(PyExc_RuntimeError, "Archive is already open");
        return -1;
    }
    if (!self->lock && !(self->lock = PyThread_allocate_lock())) {
        Py_DECREF(path);
        PyErr_NoMemory();
        return -1;
    }
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st;
    Py_BEGIN_ALLOW_THREADS
    st = vn_archive_new(PyBytes_AS_STRING(path), &ao, &self->a, &err);
    Py_END_ALLOW_THREADS
    if (st) {
        vn_py_raise(PyBytes_AS_STRING(path), st, &err);
        Py_DECREF(path);
        return -1;
    }
    Py_XSETREF(self->path, path);
    return 0;
}

static PyObject *Archive_close(Archive *self, PyObject *unused)
{
    (void)unused;
    if (self->a) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        vn_archive_free(self->a);   /* the last connection: SQLite copies the WAL into the database */
        self->a = NULL;
        PyThread_release_lock(self->lock);
        Py_END_ALLOW_THREADS
    }
    Py_RETURN_NONE;
}

/* run_begin(options="") -> run id */
static PyObject *Archive_run_begin(Archive *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"options", NULL};
    const char *options = "";
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|s", kwlist, &options) || !ready(self))
        return NULL;
    int64_t run_id = 0;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    st = vn_archive_run_begin(self->a, options, &run_id, &err);
    PyThread_release_lock(self->lock);
    Py_END_ALLOW_THREADS
    return st ? vn_py_raise(db_name(self), st, &err) : PyLong_FromLongLong((long long)run_id);
}

/* run_end(run_id, found=0, stored=0, skipped=0, failed=0, bytes=0, complete=True) */
static PyObject *Archive_run_end(Archive *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"run_id", "found", "stored", "skipped", "failed", "bytes", "complete", NULL};
    long long run_id;
    unsigned long long n[5] = {0, 0, 0, 0, 0};
    int complete = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "L|KKKKKp", kwlist, &run_id, &n[0], &n[1], &n[2], &n[3], &n[4],
                                     &complete) ||
        !ready(self))
        return NULL;
    struct vn_archive_counts c = {.found = n[0], .stored = n[1], .skipped = n[2], .failed = n[3], .bytes = n[4]};
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    st = vn_archive_run_end(self->a, (int64_t)run_id, &c, complete != 0, &err);
    PyThread_release_lock(self->lock);
    Py_END_ALLOW_THREADS
    if (st)
        return vn_py_raise(db_name(self), st, &err);
    Py_RETURN_NONE;
}

struct skip_test {
    struct vn_archive *a;
    const char *known;      /* a SHA-256 the caller knows is stored elsewhere, or NULL */
    bool known_ok;
};

/* Skips what the caller already has (`known`) or this archive holds. */
static bool skip_stored(void *arg, const char *name, const char *sha256, bool *ok)
{
    struct skip_test *t = arg;
    if (t->known && !strcmp(t->known, sha256)) {
        *ok = t->known_ok;
        return true;
    }
    bool stored = false;
    struct vn_error err;
    return vn_archive_is_stored(t->a, name, sha256, &stored, ok, &err) == VN_OK && stored;
}

/* ingest(pipeline, path, name=None, problem=None, size=-1, max_input_bytes=0,
 *        run_id=0, known_sha256=None, known_ok=True)
 *   -> (status, stored, bytes, skipped_ok, inconsistent)
 * status: "ok", "error", "unsupported", "empty", or None when skipped. */
static PyObject *Archive_ingest(Archive *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"pipeline", "path", "name", "problem", "size", "max_input_bytes",
                             "run_id", "known_sha256", "known_ok", NULL};
    Pipeline *pl;
    PyObject *path = NULL, *name = NULL;
    const char *problem = NULL, *known = NULL;
    long long size = -1, run_id = 0;
    Py_ssize_t max_bytes = 0;
    int known_ok = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O&|O&zLnLzp", kwlist, &PipelineType, &pl,
                                     PyUnicode_FSConverter, &path, PyUnicode_FSConverter, &name, &problem, &size,
                                     &max_bytes, &run_id, &known, &known_ok))
        return NULL;
    PyObject *result = NULL;
    if (!ready(self) || !pl->p) {
        if (self->a)
            PyErr_SetString(PyExc_RuntimeError, "Pipeline is not initialized");
        goto out;
    }
    if (max_bytes < 0) {
        PyErr_SetString(PyExc_ValueError, "max_input_bytes must be >= 0");
        goto out;
    }
    const char *path_s = PyBytes_AS_STRING(path), *name_s = name ? PyBytes_AS_STRING(name) : path_s;
    struct skip_test t = {.a = self->a, .known = known, .known_ok = known_ok != 0};
    struct vn_archive_read_opts ro = {.name = name_s, .problem = problem, .size = size,
                                      .max_input_bytes = (size_t)max_bytes, .skip = skip_stored, .skip_arg = &t};
    struct vn_archive_read_info info;
    struct vn_archive_entry *e = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    bool stored = false;
    vn_status st;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    PyThread_acquire_lock(pl->lock, WAIT_LOCK);
    st = vn_archive_entry_read(pl->p, path_s, &ro, &e, &info);
    PyThread_release_lock(pl->lock);
    if (!st && e)
        st = vn_archive_store(self->a, run_id, e, &stored, &err);
    PyThread_release_lock(self->lock);
    Py_END_ALLOW_THREADS
    if (st) {
        vn_py_raise(st == VN_ENOMEM || st == VN_EINVAL ? name_s : db_name(self), st, &err);
    } else if (!e) {
        result = Py_BuildValue("(OOKOn)", Py_None, Py_False, (unsigned long long)info.bytes,
                               info.skipped_ok ? Py_True : Py_False, (Py_ssize_t)0);
    } else {
        result = Py_BuildValue("(sOKOn)", vn_archive_entry_status(e), stored ? Py_True : Py_False,
                               (unsigned long long)info.bytes, Py_False,
                               (Py_ssize_t)vn_archive_entry_inconsistent(e));
    }
    vn_archive_entry_free(e);
out:
    Py_XDECREF(path);
    Py_XDECREF(name);
    return result;
}

/* store_error(name, message, size=-1, run_id=0) -> stored: a documents row
 * with status error and the message, for a file whose processing could
 * not finish (no SHA-256: a later run tries it again). */
static PyObject *Archive_store_error(Archive *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", "message", "size", "run_id", NULL};
    PyObject *name = NULL;
    const char *message;
    long long size = -1, run_id = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&s|LL", kwlist, PyUnicode_FSConverter, &name, &message, &size,
                                     &run_id))
        return NULL;
    if (!ready(self)) {
        Py_DECREF(name);
        return NULL;
    }
    struct vn_archive_file f = {.path = PyBytes_AS_STRING(name), .size = size};
    struct vn_archive_entry *e = NULL;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    bool stored = false;
    vn_status st = vn_archive_entry_new(&f, NULL, VN_EIO, message, &e);
    if (!st) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(self->lock, WAIT_LOCK);
        st = vn_archive_store(self->a, run_id, e, &stored, &err);
        PyThread_release_lock(self->lock);
        Py_END_ALLOW_THREADS
    }
    vn_archive_entry_free(e);
    PyObject *result = st ? vn_py_raise(db_name(self), st, &err) : PyBool_FromLong(stored);
    Py_DECREF(name);
    return result;
}

static PyMethodDef Archive_methods[] = {
    {"close", (PyCFunction)Archive_close, METH_NOARGS, "close(): closes the connection (idempotent)"},
    {"run_begin", (PyCFunction)(void (*)(void))Archive_run_begin, METH_VARARGS | METH_KEYWORDS,
     "run_begin(options='') -> run id: starts a runs row"},
    {"run_end", (PyCFunction)(void (*)(void))Archive_run_end, METH_VARARGS | METH_KEYWORDS,
     "run_end(run_id, found=0, stored=0, skipped=0, failed=0, bytes=0, complete=True): ends it"},
    {"ingest", (PyCFunction)(void (*)(void))Archive_ingest, METH_VARARGS | METH_KEYWORDS,
     "ingest(pipeline, path, name=None, problem=None, size=-1, max_input_bytes=0, run_id=0, known_sha256=None,"
     " known_ok=True) -> (status, stored, bytes, skipped_ok, inconsistent): one file, as `vnaudit ingest`"},
    {"store_error", (PyCFunction)(void (*)(void))Archive_store_error, METH_VARARGS | METH_KEYWORDS,
     "store_error(name, message, size=-1, run_id=0) -> stored: an error row for a file"},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ArchiveType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "vnaudit._vnaudit.Archive",
    .tp_doc = "Archive(path, mode='write'): one connection to an archive; one call at a time",
    .tp_basicsize = sizeof(Archive),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Archive_init,
    .tp_dealloc = (destructor)Archive_dealloc,
    .tp_methods = Archive_methods,
};

int vn_py_add_archive(PyObject *m)
{
    if (PyType_Ready(&ArchiveType) < 0)
        return -1;
    Py_INCREF(&ArchiveType);
    if (PyModule_AddObject(m, "Archive", (PyObject *)&ArchiveType) < 0) {
        Py_DECREF(&ArchiveType);
        return -1;
    }
    return 0;
}
