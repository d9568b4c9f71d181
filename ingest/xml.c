/* One XML part through libxml2's streaming reader (xmlTextReader), set up
 * so that a hostile part cannot make us fetch, expand or recurse:
 *   - XML_PARSE_NONET, and neither XML_PARSE_NOENT (no entity substitution)
 *     nor XML_PARSE_DTDLOAD / DTDVALID / DTDATTR: nothing outside the part
 *     is ever read, so an external entity (XXE) stays a name;
 *   - a document type declaration is refused outright when the reader meets
 *     it, before the root element: office formats never have one, and this
 *     stops entity bombs ("billion laughs") before any reference is used;
 *   - element depth is capped (VN_XML_MAX_DEPTH) on top of libxml2's own cap;
 *   - libxml2's messages are caught by a handler, never printed. */
#include "ingest/xml.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "ingest/ingest_internal.h"
#include "common/i18n.h"

static void on_error(void *arg, xmlErrorPtr e)
{
    struct vn_xml *x = arg;
    if (x->msg[0] || !e || !e->message)
        return;
    snprintf(x->msg, sizeof x->msg, "%s", e->message);
    size_t n = strlen(x->msg);
    while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
        x->msg[--n] = '\0';
    x->msg_line = e->line;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

/* libxml2 sets up its global state (mutexes, dictionaries) on first use,
 * which is a race when two threads start at once: done once, first. */
void vn_xml_init(void)
{
    pthread_once(&xml_once, xml_init);
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void vn_xml_quiet_begin(struct vn_xml_quiet *q)
{
    q->generic = xmlGenericError;
    q->generic_ctx = xmlGenericErrorContext;
    q->structured = xmlStructuredError;
    q->structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

void vn_xml_quiet_end(const struct vn_xml_quiet *q)
{
    xmlSetGenericErrorFunc(q->generic_ctx, q->generic);
    xmlSetStructuredErrorFunc(q->structured_ctx, q->structured);
}

vn_status vn_xml_open(struct vn_xml *x, const char *data, size_t len, const char *what, struct vn_error *err)
{
    vn_xml_init();
    memset(x, 0, sizeof *x);
    x->what = what;
    if (len > INT_MAX)
        return vn_ingest_fail(err, VN_ETOOBIG, 0, "%s: an XML part of %zu bytes is too large", what, len);
    vn_xml_quiet_begin(&x->quiet);
    x->r = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!x->r) {
        vn_xml_quiet_end(&x->quiet);
        return vn_ingest_fail(err, VN_ENOMEM, 0, "%s: cannot start the XML reader", what);
    }
    xmlTextReaderSetStructuredErrorHandler(x->r, on_error, x);
    /* the defaults already, said again so no global setting changes them */
    xmlTextReaderSetParserProp(x->r, XML_PARSER_LOADDTD, 0);
    xmlTextReaderSetParserProp(x->r, XML_PARSER_DEFAULTATTRS, 0);
    xmlTextReaderSetParserProp(x->r, XML_PARSER_VALIDATE, 0);
    xmlTextReaderSetParserProp(x->r, XML_PARSER_SUBST_ENTITIES, 0);
    return VN_OK;
}

int vn_xml_next(struct vn_xml *x, bool skip, struct vn_error *err)
{
    int rc = skip ? xmlTextReaderNext(x->r) : xmlTextReaderRead(x->r);
    if (rc < 0) {
        int line = x->msg_line ? x->msg_line : xmlTextReaderGetParserLineNumber(x->r);
        x->status = vn_ingest_fail(err, VN_ESYNTAX, 0, "%s line %d: not well-formed XML: %s", x->what, line,
                       x->msg[0] ? x->msg : vn_tr(vn_ingest_catalog(), N_("parse error")));
        if (err)
            err->line = line > 0 ? (size_t)line : 0;
        return -1;
    }
    if (rc == 0)
        return 0;
    int type = xmlTextReaderNodeType(x->r);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
        int line = xmlTextReaderGetParserLineNumber(x->r);
        x->status = vn_ingest_fail(err, VN_ESYNTAX, 0, "%s line %d: %s refused (office documents have none; "
                       "it could fetch files or expand entities)", x->what, line,
                       vn_tr(vn_ingest_catalog(), type == XML_READER_TYPE_DOCUMENT_TYPE
                                                                  ? N_("a document type declaration (DTD)")
                                                                  : N_("an entity reference")));
        return -1;
    }
    if (xmlTextReaderDepth(x->r) > VN_XML_MAX_DEPTH) {
        x->status = vn_ingest_fail(err, VN_ETOOBIG, 0, "%s line %d: elements nested deeper than %d; re-save the document with simpler nesting", x->what,
                       xmlTextReaderGetParserLineNumber(x->r), VN_XML_MAX_DEPTH);
        return -1;
    }
    return 1;
}

uint32_t vn_xml_attr_uint(struct vn_xml *x, const char *ns, const char *name, uint32_t def, uint32_t max)
{
    xmlChar *v = xmlTextReaderGetAttributeNs(x->r, (const xmlChar *)name, (const xmlChar *)ns);
    if (!v)
        return def;
    uint64_t n = 0;
    const xmlChar *p = v;
    while (*p == ' ')
        p++;
    if (*p < '0' || *p > '9') {
        xmlFree(v);
        return def;
    }
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (uint64_t)(*p - '0');
        if (n > max) {
            n = max;
            break;
        }
    }
    xmlFree(v);
    return (uint32_t)n;
}

bool vn_xml_attr_is(struct vn_xml *x, const char *ns, const char *name, const char *value)
{
    xmlChar *v = xmlTextReaderGetAttributeNs(x->r, (const xmlChar *)name, (const xmlChar *)ns);
    bool eq = v && strcmp((const char *)v, value) == 0;
    xmlFree(v);
    return eq;
}

bool vn_xml_is(struct vn_xml *x, const char *ns, const char *name)
{
    const xmlChar *l = xmlTextReaderConstLocalName(x->r);
    const xmlChar *u = xmlTextReaderConstNamespaceUri(x->r);
    return l && u && strcmp((const char *)l, name) == 0 && strcmp((const char *)u, ns) == 0;
}

void vn_xml_close(struct vn_xml *x)
{
    if (x->r) {
        xmlFreeTextReader(x->r);
        vn_xml_quiet_end(&x->quiet);
    }
    x->r = NULL;
}
