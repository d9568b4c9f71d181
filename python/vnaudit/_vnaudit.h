/* Private to the extension module: what _vnaudit.c (the pipeline) shares
 * with _archive.c (the archive). */
#ifndef VN_PY_VNAUDIT_H
#define VN_PY_VNAUDIT_H

#include <Python.h>
#include <pythread.h>

#include <vnaudit/vnaudit.h>

/* vnaudit._vnaudit.Pipeline: one vn_pipeline; `lock` keeps one call at a
 * time on it (the library's rule: one handle, one thread at a time). */
typedef struct {
    PyObject_HEAD
    struct vn_pipeline *p;
    PyThread_type_lock lock;
    int validate;
    unsigned threads;
} Pipeline;

extern PyTypeObject PipelineType;

/* Raises vnaudit.VnauditError for `file`; returns NULL. */
PyObject *vn_py_raise(const char *file, vn_status st, const struct vn_error *err);

/* Adds the Archive type to the module; -1 with an exception set on failure. */
int vn_py_add_archive(PyObject *m);

#endif
