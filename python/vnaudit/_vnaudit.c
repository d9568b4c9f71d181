/* The CPython side of the binding: a Pipeline type over struct vn_pipeline
 * whose run() gives a document's records as the library's own JSON Lines
 * (the same bytes `vnaudit extract|check --format jsonl` prints), which
 * vnaudit/__init__.py turns into dicts. The GIL is released while the
 * library works; a lock keeps one call at a time on one pipeline (the
 * library's rule: one handle, one thread at a time). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vnaudit/vnaudit.h>
#include "_vnaudit.h"

static PyObject *VnauditError;

/* vnaudit.VnauditError(message, file, code, line, col, offset): the
 * message names the file (and the line when known); the rest for programs. */
PyObject *vn_py_raise(const char *file, vn_status st, const struct vn_error *err)
{
    const char *why = err && err->message[0] ? err->message : vn_strerror(st);
    PyObject *msg = err && err->line ? PyUnicode_FromFormat("%s: line %zu: %s", file, err->line, why)
                                     : PyUnicode_FromFormat("%s: %s", file, why);
    if (!msg)
        return NULL;
    PyObject *args = Py_BuildValue("(NsKnnn)", msg, file, (unsigned long long)st,
                                   (Py_ssize_t)(err ? err->line : 0), (Py_ssize_t)(err ? err->col : 0),
                                   (Py_ssize_t)(err ? err->offset : 0));
    if (args) {
        PyErr_SetObject(VnauditError, args);
        Py_DECREF(args);
    }
    return NULL;
}

static void Pipeline_dealloc(Pipeline *self)
{
    vn_pipeline_free(self->p);
    if (self->lock)
        PyThread_free_lock(self->lock);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Pipeline_init(Pipeline *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"validate", "vocab", "max_input_bytes", "threads", NULL};
    int validate = 1;
    PyObject *vocab = Py_None;
    Py_ssize_t max_bytes = 0, threads = 1;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|pOnn", kwlist, &validate, &vocab, &max_bytes, &threads))
        return -1;
    if (max_bytes < 0 || threads < 0 || threads > 2) {
        PyErr_SetString(PyExc_ValueError, "max_input_bytes must be >= 0 and threads 0, 1 or 2");
        return -1;
    }
    if (self->p) {
        PyErr_SetString(PyExc_RuntimeError, "Pipeline is already initialized");
        return -1;
    }
    PyObject *vocab_b = NULL;
    if (vocab != Py_None && !PyUnicode_FSConverter(vocab, &vocab_b))
        return -1;
    struct vn_pipeline_opts po;
    memset(&po, 0, sizeof po);
    po.vocab_dir = vocab_b ? PyBytes_AS_STRING(vocab_b) : NULL;
    po.max_input_bytes = (size_t)max_bytes;
    po.validate = validate != 0;
    po.threads = (unsigned)threads;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st;
    Py_BEGIN_ALLOW_THREADS
    st = vn_pipeline_new(&po, &self->p, &err);
    Py_END_ALLOW_THREADS
    if (st) {
        vn_py_raise(vocab_b ? PyBytes_AS_STRING(vocab_b) : "vnaudit", st, &err);
        Py_XDECREF(vocab_b);
        return -1;
    }
    Py_XDECREF(vocab_b);
    self->lock = PyThread_allocate_lock();
    if (!self->lock) {
        PyErr_NoMemory();
        return -1;
    }
    self->validate = validate != 0;
    self->threads = (unsigned)threads;
    return 0;
}

/* One document into JSON Lines in memory. Runs without the GIL. */
static vn_status run_doc(Pipeline *self, const char *path, const char *label, const void *bytes, size_t len,
                         char **out, size_t *out_len, struct vn_error *err)
{
    struct vn_doc *d = NULL;
    vn_status st = path ? vn_doc_load(self->p, path, &d, err) : vn_doc_from_bytes(self->p, label, bytes, len, &d, err);
    if (st)
        return st;
    FILE *mem = open_memstream(out, out_len);
    if (!mem) {
        vn_doc_free(d);
        return VN_ENOMEM;
    }
    struct vn_writer *w = NULL;
    st = vn_writer_new(mem, &w);
    if (!st) {
        struct vn_report_opts ro;
        memset(&ro, 0, sizeof ro);
        ro.format = VN_FMT_JSONL;
        ro.file_label = label;
        ro.include_checks = self->validate;
        ro.raw = d->raw;
        ro.threads = self->threads;
        st = vn_report_begin(w, &ro);
        if (!st)
            st = vn_report_write(w, &ro, d->records);
        if (!st)
            st = vn_report_end(w, &ro);
        vn_status st2 = vn_writer_free(w);
        if (!st)
            st = st2;
    }
    if (fclose(mem) != 0 && !st)
        st = VN_ENOMEM;
    vn_doc_free(d);
    if (st) {
        free(*out);
        *out = NULL;
        if (err && !err->message[0]) {
            err->code = st;
            snprintf(err->message, sizeof err->message, "%s", vn_strerror(st));
        }
    }
    return st;
}

/* run(path=None, data=None, label=...) -> bytes (JSON Lines) */
static PyObject *Pipeline_run(Pipeline *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"path", "data", "label", NULL};
    PyObject *path = Py_None, *data = Py_None, *label = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOU", kwlist, &path, &data, &label))
        return NULL;
    if (!self->p) {
        PyErr_SetString(PyExc_RuntimeError, "Pipeline is not initialized");
        return NULL;
    }
    if ((path == Py_None) == (data == Py_None)) {
        PyErr_SetString(PyExc_TypeError, "give exactly one of path and data");
        return NULL;
    }
    PyObject *path_b = NULL;
    Py_buffer buf = {0};
    const char *label_s;
    if (path != Py_None) {
        if (!PyUnicode_FSConverter(path, &path_b))
            return NULL;
    } else if (PyObject_GetBuffer(data, &buf, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    label_s = label ? PyUnicode_AsUTF8(label) : path_b ? PyBytes_AS_STRING(path_b) : "-";
    if (!label_s) {
        Py_XDECREF(path_b);
        if (buf.obj)
            PyBuffer_Release(&buf);
        return NULL;
    }
    char *out = NULL;
    size_t out_len = 0;
    struct vn_error err;
    memset(&err, 0, sizeof err);
    vn_status st;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    st = run_doc(self, path_b ? PyBytes_AS_STRING(path_b) : NULL, label_s, buf.buf, (size_t)buf.len, &out,
                 &out_len, &err);
    PyThread_release_lock(self->lock);
    Py_END_ALLOW_THREADS
    PyObject *result = st ? vn_py_raise(label_s, st, &err) : PyBytes_FromStringAndSize(out, (Py_ssize_t)out_len);
    free(out);
    Py_XDECREF(path_b);
    if (buf.obj)
        PyBuffer_Release(&buf);
    return result;
}

static PyMethodDef Pipeline_methods[] = {
    {"run", (PyCFunction)(void (*)(void))Pipeline_run, METH_VARARGS | METH_KEYWORDS,
     "run(path=None, data=None, label=None) -> bytes: one document's records as JSON Lines"},
    {NULL, NULL, 0, NULL}};

PyTypeObject PipelineType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "vnaudit._vnaudit.Pipeline",
    .tp_doc = "Pipeline(validate=True, vocab=None, max_input_bytes=0, threads=1): reusable; one call at a time",
    .tp_basicsize = sizeof(Pipeline),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Pipeline_init,
    .tp_dealloc = (destructor)Pipeline_dealloc,
    .tp_methods = Pipeline_methods,
};

static PyObject *version(PyObject *m, PyObject *unused)
{
    (void)m;
    (void)unused;
    return PyUnicode_FromString(vn_version());
}

static PyMethodDef module_methods[] = {
    {"version", version, METH_NOARGS, "the version of the C library"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_vnaudit", "vnaudit C library binding", -1,
                                    module_methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__vnaudit(void);   /* the one exported symbol */

PyMODINIT_FUNC PyInit__vnaudit(void)
{
    if (PyType_Ready(&PipelineType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    /* the exception class is Python (vnaudit/_errors.py), so it has
       attributes and a docstring; this module only raises it */
    PyObject *errors = PyImport_ImportModule("vnaudit._errors");
    VnauditError = errors ? PyObject_GetAttrString(errors, "VnauditError") : NULL;
    Py_XDECREF(errors);
    Py_INCREF(&PipelineType);
    if (!VnauditError || PyModule_AddObject(m, "Pipeline", (PyObject *)&PipelineType) < 0) {
        Py_XDECREF(VnauditError);
        VnauditError = NULL;
        Py_DECREF(&PipelineType);
        Py_DECREF(m);
        return NULL;
    }
    if (vn_py_add_archive(m) < 0) {     /* _archive.c */
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
