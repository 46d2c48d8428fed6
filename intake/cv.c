/*
 * One CV into one expert record (intake/cv.h): which format it is, told by
 * its content; the id its file's name gives; the bounds every CV is read
 * within. The formats themselves are europass.c (v3), candidate.c (2020)
 * and jsonresume.c, over the shared rules of cvmap.c.
 */
#include "intake/cv.h"

#include <string.h>

#include "core/jsonbuild.h"
#include "intake/cvmap.h"

int rs_cv_is_json_resume(const char *data, size_t len)
{
    json_error_t err;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    int yes = json_is_object(json_object_get(v, "basics"));
    json_decref(v);
    return yes;
}

int rs_cv_id_from_name(const char *path, char out[RS_ID_MAX + 1], rs_diag *d)
{
    char shown[RS_CV_SHOW];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (!rs_id_syntax_ok(base, n)) {
        char name[RS_CV_SHOW];
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name - 1 ? n : sizeof name - 1),
                 base);
        rs_diag_add(d, RS_ERROR, path, 0, "id",
                    "the file's name '%s' is not an expert id (1-%d characters of A-Z a-z 0-9 "
                    ". _ -): rename the file, or give the id (roster import --id ID FILE)",
                    rs_cv_show(shown, name), RS_ID_MAX);
        return -1;
    }
    memcpy(out, base, n);
    out[n] = '\0';
    return 0;
}

static rs_cv_result read_json_resume(const char *data, size_t len, const char *file,
                                     const char *id, json_t **out, rs_diag *d)
{
    json_error_t err;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (!v) {
        rs_diag_add(d, RS_ERROR, file, err.line > 0 ? err.line : 0, "",
                    "invalid JSON at column %d: %s", err.column, rs_json_problem(&err));
        return RS_CV_UNREADABLE;
    }
    if (!json_is_object(json_object_get(v, "basics"))) {
        rs_diag_add(d, RS_ERROR, file, 1, "",
                    "not a JSON Resume (no \"basics\" object), and a CV file holds one");
        json_decref(v);
        return RS_CV_UNREADABLE;
    }
    rs_cv cv;
    rs_cv_begin(&cv, file, id, d);
    rs_json_resume(&cv, v);
    json_decref(v);
    return rs_cv_finish(&cv, 1,
                        "a JSON Resume has none in its standard: add one to \"basics\", e.g. "
                        "\"nationalities\": [\"PT\"] (ISO 3166-1 codes or country names)",
                        out);
}

static rs_cv_result read_europass(const char *data, size_t len, const char *file,
                                  const char *id, json_t **out, rs_diag *d)
{
    char shown[RS_CV_SHOW];
    struct _xmlDoc *doc = rs_xml_parse(data, len, file, d);
    if (!doc)
        return RS_CV_UNREADABLE;
    const rs_xnode *root = rs_xml_root(doc);
    const char *name = rs_xml_name(root);
    rs_cv_result res = RS_CV_UNREADABLE;
    rs_cv cv;
    if (strcmp(name, "SkillsPassport") == 0) {
        const rs_xnode *ident = rs_xml_at(root, "LearnerInfo/Identification");
        rs_cv_begin(&cv, file, id, d);
        rs_europass_v3(&cv, root);
        res = rs_cv_finish(&cv, rs_xml_line(ident ? ident : root),
                           "add LearnerInfo/Identification/Demographics/NationalityList/"
                           "Nationality with its Code (e.g. PT)", out);
    } else if (strcmp(name, "Candidate") == 0) {
        const rs_xnode *person = rs_xml_child(root, "CandidatePerson");
        rs_cv_begin(&cv, file, id, d);
        rs_europass_candidate(&cv, root);
        res = rs_cv_finish(&cv, rs_xml_line(person ? person : root),
                           "add CandidatePerson/NationalityCode (e.g. PT)", out);
    } else {
        rs_diag_add(d, RS_ERROR, file, rs_xml_line(root), "",
                    "not a Europass CV (root element %s; SkillsPassport or Candidate expected)",
                    rs_cv_show(shown, name));
    }
    rs_xml_free(doc);
    return res;
}

rs_cv_result rs_cv_read(const char *data, size_t len, const char *file, const char *id,
                        json_t **out, rs_diag *d)
{
    *out = NULL;
    if (len > RS_CV_MAX) {
        rs_diag_add(d, RS_ERROR, file, 0, "", "larger than %u MiB: not read as a CV",
                    RS_CV_MAX >> 20);
        return RS_CV_UNREADABLE;
    }
    /* The format is told by the first character after a byte order mark
     * and blanks; the parsers read from after the mark, so lines count
     * from the file's first. */
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, at = bom;
    while (at < len && data[at] && strchr(" \t\r\n", data[at]))
        at++;
    if (at == len) {
        rs_diag_add(d, RS_ERROR, file, 0, "", "empty: not a CV");
        return RS_CV_UNREADABLE;
    }
    if (data[at] == '{')
        return read_json_resume(data + bom, len - bom, file, id, out, d);
    return read_europass(data + bom, len - bom, file, id, out, d);
}
