/* Private to ingest/: one XML part read with libxml2's streaming reader,
 * set up safely once for DOCX, ODT and FODT. */
#ifndef VN_INGEST_XML_H
#define VN_INGEST_XML_H

#include <libxml/xmlreader.h>

#include "vnaudit/common.h"

/* libxml2 reports some problems (an encoding it cannot convert) through its
 * generic and structured handlers, which write to stderr by default: they
 * are silenced on this thread while a part is parsed, then given back as
 * they were (the library never prints; the host's own handlers survive). */
struct vn_xml_quiet {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
};
void vn_xml_quiet_begin(struct vn_xml_quiet *q);
void vn_xml_quiet_end(const struct vn_xml_quiet *q);

struct vn_xml {
    xmlTextReaderPtr r;
    struct vn_xml_quiet quiet;
    const char *what;       /* "DOCX word/document.xml", for messages */
    char msg[160];          /* the first problem libxml2 reported */
    int msg_line;
    vn_status status;       /* why vn_xml_next() returned -1 */
};

/* Starts reading data[0..len) (borrowed until vn_xml_close). */
/* Sets up libxml2 once per process (any thread; before any other call). */
void vn_xml_init(void);
VN_NODISCARD vn_status vn_xml_open(struct vn_xml *x, const char *data, size_t len, const char *what,
                                   struct vn_error *err);
/* Moves to the next node (past the current one's subtree when `skip`):
 * 1 on a node, 0 at the end, -1 on an error (err filled). */
int vn_xml_next(struct vn_xml *x, bool skip, struct vn_error *err);
/* Attribute `name` in namespace `ns` as an unsigned number (def when absent
 * or not a number), capped at `max`. */
uint32_t vn_xml_attr_uint(struct vn_xml *x, const char *ns, const char *name, uint32_t def, uint32_t max);
/* Whether attribute `name` in `ns` equals `value`. */
bool vn_xml_attr_is(struct vn_xml *x, const char *ns, const char *name, const char *value);
/* Whether the current node is element `name` in namespace `ns`. */
bool vn_xml_is(struct vn_xml *x, const char *ns, const char *name);
void vn_xml_close(struct vn_xml *x);

#endif
