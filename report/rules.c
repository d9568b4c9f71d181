/* The rules a finding comes under: one table for the policy (selection,
 * severity, groups) and for SARIF's rule descriptors. Each id has a
 * section of that name in docs/VALIDATION.md, which SARIF's helpUri
 * points to. */
#include <string.h>

#include "report/rules.h"
#include "vnaudit/validate.h"

#define E VN_SEV_ERROR
#define W VN_SEV_WARNING
#define N VN_SEV_NOTE
#define CHK VN_GROUP_CHECKS
#define DIAG VN_GROUP_DIAGNOSTICS
#define ND30 VN_GROUP_ND30

static const struct vn_rule_info rules[] = {
    {"inconsistent-sum", "InconsistentSum", E, CHK, false, "The parts do not add up to the stated total.",
     "The numbers given as the parts of a total (a breakdown by source, by project, by commune) add up to a value "
     "that differs from the total written in the text, whether the exact sum is rounded half-up or truncated to "
     "the decimals of the total. One of the figures is wrong: compare each with its source table."},
    {"ambiguous-sum", "AmbiguousSum", W, CHK, false, "Whether the parts add up to the total depends on the reading.",
     "The text allows more than one reading of which numbers are the parts of this total (a list that may or may "
     "not be complete, a figure that may belong to another item), and the readings give different verdicts. "
     "Say in the text which figures make up the total."},
    {"inconsistent-ratio", "InconsistentRatio", E, CHK, false, "The percentage does not match its two amounts.",
     "A percentage written beside two amounts (\"giải ngân 78,8/2.412 trđ, đạt 3,3%\") differs from the exact "
     "quotient of the amounts, rounded half-up or truncated to the decimals written. Recompute the percentage or "
     "check the amounts."},
    {"ambiguous-ratio", "AmbiguousRatio", W, CHK, false, "Which amounts the percentage relates is unclear.",
     "Several pairs of amounts near this percentage could be meant, and they give different verdicts. Name the "
     "amounts the percentage is computed from."},
    {"inconsistent-difference", "InconsistentDifference", E, CHK, false,
     "The stated remainder does not match the difference of its amounts.",
     "A remainder or difference written in the text (the amount not yet disbursed, the increase over a year) "
     "differs from the exact difference of the amounts it is computed from."},
    {"ambiguous-difference", "AmbiguousDifference", W, CHK, false,
     "Which amounts the stated difference is computed from is unclear.",
     "More than one pair of amounts could be meant by this difference, and they give different verdicts."},
    {"inconsistent-product", "InconsistentProduct", E, CHK, false, "The stated total does not match the product of its factors.",
     "A total written as a quantity times a rate (households times a subsidy per household, hectares times a cost "
     "per hectare) differs from the exact product of the factors."},
    {"ambiguous-product", "AmbiguousProduct", W, CHK, false, "Which factors the stated product is computed from is unclear.",
     "More than one set of factors could be meant by this product, and they give different verdicts."},

    /* the diagnostic rules of docs/CONTRACT.md */
    {"malformed-number", "MalformedNumber", W, DIAG, false, "A number is written in a malformed way.",
     "The number does not follow the Vietnamese convention ('.' groups thousands, ',' marks the decimals): two "
     "decimal commas, a space after the comma, English separators, a doubled dot. The record carries the most "
     "plausible value; correct the figure in the text."},
    {"invalid-date", "InvalidDate", W, DIAG, false, "A date that does not exist.",
     "A day that the month does not have (30/02/2024, 31/4/2023) or a month above 12."},
    {"unfilled-placeholder", "UnfilledPlaceholder", W, DIAG, false, "A template slot was left empty.",
     "A number or date that the template leaves to fill in is still blank: \"Số: /BC-UBND\", "
     "\"ngày tháng 6 năm 2023\", \"ngày  /  /2024\"."},
    {"not-nfc", "NotNfc", N, DIAG, false, "The text was not in Unicode NFC.",
     "Some letters were written as a base letter followed by combining marks. vnaudit normalized the text to NFC "
     "before reading it; other tools may not match such text."},
    {"invalid-encoding", "InvalidEncoding", E, DIAG, false, "The input has bytes that are not valid UTF-8 or UTF-16.",
     "The bytes were replaced by U+FFFD and the rest of the file was read. The file may have been saved in a "
     "legacy encoding (TCVN3, VNI) or be damaged."},
    {"nul-byte", "NulByte", E, DIAG, false, "The input has a NUL byte.",
     "A NUL byte was replaced by U+FFFD. Text files do not contain them; the file may be binary or damaged."},
    {"number-overflow", "NumberOverflow", E, DIAG, false, "A number has too many digits for exact arithmetic.",
     "vnaudit computes exactly with up to 36 significant digits; this number has more and was not used."},
    {"limit-reached", "LimitReached", E, DIAG, false, "A limit of what one document may give was reached.",
     "The document gave more records, lines, figures or relations than vnaudit reads in one document (500,000 "
     "records; 500,000 lines and 200,000 figures for the rules; 20,000 relations per rule), or more inconsistent "
     "checks than suspects are sought for (1,000, a note). What was left out is counted; split the document to "
     "read the rest."},
    {"ocr-text", "OcrText", N, DIAG, false, "Some pages were read by OCR.",
     "Pages without a text layer, or an image, were read by optical character recognition (Tesseract, "
     "Vietnamese model): a figure may be misread. Figures read differently by the two passes are ambiguous, and a "
     "failed relation that one look-alike digit would close names the figure as probably misread."},
    {"pages-not-read", "PagesNotRead", E, DIAG, false, "Some pages of the PDF have no text and were not read.",
     "These pages are scans without a text layer, and OCR was turned off or is not in this build: their "
     "figures were not checked. Run with --ocr auto, or check those pages by hand."},
    {"legacy-encoding", "LegacyEncoding", N, DIAG, false, "The input was converted from a legacy Vietnamese encoding.",
     "The text was in TCVN3 (ABC), VNI, VISCII or Windows-1258 (named with --encoding, detected from its bytes, "
     "or given by the fonts of a document's runs) and was converted to Unicode before reading; or it was not "
     "UTF-8 and no legacy encoding read clearly as Vietnamese, and the note says so."},

    /* the format of Nghị định 30/2020/NĐ-CP, Phụ lục I (extract/nd30.c);
       off unless selected */
    {"nd30-number-format", "Nd30NumberFormat", W, ND30, true,
     "The number and symbol line is not written as 'Số: 05/BC-UBND'.",
     "Nghị định 30/2020/NĐ-CP, Phụ lục I: the word 'Số' is followed by a colon; a number below 10 is written with "
     "a leading zero ('Số: 05/BC-UBND'); a slash joins the number and the symbol and hyphens join the groups of "
     "the symbol, with no spaces."},
    {"nd30-symbol-kind", "Nd30SymbolKind", W, ND30, true,
     "The symbol does not start with the abbreviation of the document's kind.",
     "Nghị định 30/2020/NĐ-CP, Phụ lục III: the symbol of a document starts with the abbreviation of its kind "
     "(BC for a báo cáo, KH for a kế hoạch, QĐ for a quyết định, TTr for a tờ trình); a công văn has none. The "
     "kind is read from the title of the document (vocab/nd30_kinds.tsv)."},
    {"nd30-date-format", "Nd30DateFormat", W, ND30, true,
     "The place-and-date line is not written as 'Hà Nội, ngày 05 tháng 3 năm 2024'.",
     "Nghị định 30/2020/NĐ-CP, Phụ lục I: the date of issue is written in words after the place and a comma "
     "('ngày ... tháng ... năm ...'), with a leading zero for a day below 10 and for the months 1 and 2 "
     "('ngày 05 tháng 02 năm 2024'), and none for the months 3 to 12 ('tháng 3', not 'tháng 03')."},
    {"nd30-citation-order", "Nd30CitationOrder", W, ND30, true,
     "The parts of a citation are not in the order kind, number, date, issuer, subject.",
     "Nghị định 30/2020/NĐ-CP, Phụ lục I: a document cited is named by its kind, its number and symbol, its date "
     "of issue, its issuer and its subject, in this order ('Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND "
     "huyện về ...'). A date before the number, or the issuer before the date, reads as another document."},
    {"nd30-number-year", "Nd30NumberYear", W, ND30, true,
     "The year in a document's number differs from the year of its date.",
     "A number that holds a year ('30/2020/NĐ-CP') is issued in that year: the date written after it is of "
     "another year, so the number or the date is mistyped."},
};

#define N_RULES (sizeof rules / sizeof rules[0])

const struct vn_rule_info *vn_rule_table(size_t *n)
{
    *n = N_RULES;
    return rules;
}

long vn_rule_find(const char *id)
{
    for (size_t i = 0; i < N_RULES; i++)
        if (!strcmp(rules[i].id, id))
            return (long)i;
    return -1;
}

const char *vn_finding_rule(const struct vn_record *rec)
{
    if (rec->type == VN_REC_DIAGNOSTIC)
        return rec->u.diagnostic.rule;
    if (rec->type != VN_REC_CHECK)
        return NULL;
    const struct vn_check *c = rec->u.check;
    if (c->verdict != VN_VERDICT_INCONSISTENT && c->verdict != VN_VERDICT_AMBIGUOUS)
        return NULL;
    size_t i = (size_t)c->relation * 2 + (c->verdict == VN_VERDICT_AMBIGUOUS);
    return rules[i < VN_N_CHECK_RULES ? i : 0].id;
}

const char *vn_rule_group_name(enum vn_rule_group g)
{
    switch (g) {
    case VN_GROUP_CHECKS: return "checks";
    case VN_GROUP_DIAGNOSTICS: return "diagnostics";
    case VN_GROUP_ND30: return "nd30";
    }
    return "checks";
}
