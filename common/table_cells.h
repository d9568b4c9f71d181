/* The rows and cells of a table line.
 *
 * Takes one line of normalized text; gives its table rows, each a run of
 * cells (byte spans, trimmed of spaces). Two layouts are read:
 *   - a TAB line (how ingest/ writes a DOCX, ODT or HTML table row): one
 *     row, cells split at TABs;
 *   - a markdown pipe line "| a | b |": one row per line as markdown
 *     writes it, or, when the caller says the line stands alone, several
 *     rows flattened onto the line ("| a | b | | c | d |"), as some web
 *     converters write a whole table. Between flattened rows the text reads
 *     exactly like an empty cell, so the rows are found by the column count
 *     that explains the end of the line: the data rows of a table all have
 *     the same number of cells, separated by one blank token. Rows before
 *     the aligned part (headers with merged cells) are split at blank tokens
 *     and marked unaligned.
 * No allocation: the caller gives the arrays and their capacities; a line
 * with more cells than that is read up to the capacity and `truncated` set.
 * Thread safety: pure function of its arguments. */
#ifndef VN_TABLE_CELLS_H
#define VN_TABLE_CELLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vn_tcell {
    uint32_t off, end;          /* the cell's text, spaces trimmed */
};

struct vn_trow {
    uint32_t cell0, n_cells;    /* cells [cell0, cell0 + n_cells) */
    bool aligned;               /* has the table's column count (a data row) */
};

struct vn_tline {
    struct vn_tcell *cells;     /* caller's arrays and their capacities */
    size_t cap_cells;
    struct vn_trow *rows;
    size_t cap_rows;
    size_t n_cells, n_rows;     /* what was read */
    uint32_t n_cols;            /* the aligned rows' column count (0: none) */
    bool pipe;                  /* a markdown pipe line */
    bool flattened;             /* several rows on the line */
    bool truncated;             /* more cells or rows than the capacity */
};

/* Whether line [b, e) of s is a table line: a TAB in it, or '|' as its
 * first non-blank byte. */
bool vn_table_line_is(const char *s, size_t b, size_t e);

/* Whether line [b, e) is a markdown delimiter row ("|---|:--:|"). */
bool vn_table_line_is_rule(const char *s, size_t b, size_t e);

/* Splits line [b, e) into out's rows and cells. `alone`: the line is not
 * part of a run of pipe lines, so it may hold several flattened rows.
 * Returns the number of rows (0 when it is not a table line). */
size_t vn_table_line_split(const char *s, size_t b, size_t e, bool alone, struct vn_tline *out);

#endif
