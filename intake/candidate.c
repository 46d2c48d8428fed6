/*
 * The Europass CV written since 2020 (root Candidate, namespace
 * http://www.europass.eu/1.0, built on HR Open Standards with hr:, oa: and
 * eures: elements) into an expert record. Elements are matched by local
 * name, in any order, none required: exports differ from the schema.
 *
 * Mapped: CandidatePerson (PersonName/GivenName and FamilyName,
 * NationalityCode, ResidencyCountryCode or the address's CountryCode,
 * GenderCode, PrimaryLanguageCode as mother tongues), and of the first
 * CandidateProfile (its languageCode as cv_lang): EmploymentHistory,
 * EducationHistory, and the PersonCompetency items of taxonomy "language"
 * (CompetencyID a two- or three-letter code or a Publications Office URI;
 * the level the lowest of its eures:CompetencyDimension scores, or the
 * competency's own ProficiencyLevel when it has no dimensions). What else
 * the person wrote is named in a warning; the document's own identifiers
 * and supplier pass without a word.
 */
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "intake/cvmap.h"

static void person(rs_cv *cv, const rs_xnode *p)
{
    static const char *const kept[] = {"PersonName", "NationalityCode", "ResidencyCountryCode",
                                       "GenderCode", "PrimaryLanguageCode", NULL};
    char *given = rs_xml_text_at(p, "PersonName/GivenName");
    char *family = rs_xml_text_at(p, "PersonName/FamilyName");
    rs_cv_name(cv, given, family);
    free(given);
    free(family);
    for (const rs_xnode *n = rs_xml_child(p, "NationalityCode"); n;
         n = rs_xml_next(n, "NationalityCode")) {
        char *code = rs_xml_text(n);
        rs_cv_nationality(cv, rs_xml_line(n), "NationalityCode", code);
        free(code);
    }
    const rs_xnode *res = rs_xml_child(p, "ResidencyCountryCode");
    for (const rs_xnode *c = rs_xml_child(p, "Communication"); !res && c;
         c = rs_xml_next(c, "Communication"))
        res = rs_xml_at(c, "Address/CountryCode");
    char *residence = rs_xml_text(res);
    rs_cv_residence(cv, rs_xml_line(res), "ResidencyCountryCode", residence);
    free(residence);
    char *gender = rs_xml_text_at(p, "GenderCode");
    if (gender && strcmp(gender, "female") == 0)
        rs_cv_gender(cv, "F");
    else if (gender && strcmp(gender, "male") == 0)
        rs_cv_gender(cv, "M");
    else if (gender)
        rs_cv_gender(cv, "X"); /* "other", "do_not_indicate": not stated here */
    free(gender);
    for (const rs_xnode *l = rs_xml_child(p, "PrimaryLanguageCode"); l;
         l = rs_xml_next(l, "PrimaryLanguageCode")) {
        char *lang = rs_xml_text(l);
        rs_cv_language(cv, rs_xml_line(l), "PrimaryLanguageCode", lang, RS_CEFR_NATIVE);
        free(lang);
    }
    /* An address gave the residence; other channels (e-mail, telephone,
     * web) are not kept. */
    static const char *const quiet[] = {"Communication", NULL};
    for (const rs_xnode *c = rs_xml_child(p, "Communication"); c;
         c = rs_xml_next(c, "Communication")) {
        char *channel = rs_xml_text_at(c, "ChannelCode");
        char shown[RS_CV_SHOW];
        if (!rs_xml_child(c, "Address"))
            rs_cv_warn(cv, rs_xml_line(c), "", "CandidatePerson/Communication (%s): not kept",
                       rs_cv_show(shown, channel ? channel : "?"));
        free(channel);
    }
    rs_xml_not_kept(cv, p, "CandidatePerson", kept, quiet);
}

/* The date below a period's StartDate or EndDate (hr:FormattedDateTime). */
static void period_date(const rs_xnode *period, const char *which, int end, char out[11])
{
    char *s = rs_xml_text_at(rs_xml_child(period, which), "FormattedDateTime");
    if (rs_cv_date(s, end, out) != 0)
        out[0] = '\0';
    free(s);
}

/* The employer's country, from its contact's address, as a code or "". */
static void employer_country(rs_cv *cv, const rs_xnode *employer, char code[3])
{
    const rs_xnode *at = NULL;
    code[0] = '\0';
    for (const rs_xnode *c = rs_xml_at(employer, "OrganizationContact/Communication"); !at && c;
         c = rs_xml_next(c, "Communication"))
        at = rs_xml_at(c, "Address/CountryCode");
    char *country = rs_xml_text(at);
    if (country && rs_country_resolve(country, code) != 0) {
        char shown[RS_CV_SHOW];
        rs_cv_warn(cv, rs_xml_line(at), "EmployerHistory", "country '%s' not kept",
                   rs_cv_show(shown, country));
        code[0] = '\0';
    }
    free(country);
}

static void position(rs_cv *cv, const rs_xnode *pos, const char *employer, const char *country)
{
    static const char *const kept[] = {"PositionTitle", "EmploymentPeriod", "Description", NULL};
    char from[11], to[11];
    const rs_xnode *period = rs_xml_child(pos, "EmploymentPeriod");
    period_date(period, "StartDate", 0, from);
    period_date(period, "EndDate", 1, to);
    char *current = rs_xml_text_at(period, "CurrentIndicator");
    if (current && strcmp(current, "true") == 0)
        to[0] = '\0';
    char *role = rs_xml_text_at(pos, "PositionTitle");
    char *text = rs_xml_plain_at(cv, pos, "Description");
    rs_cv_job job = {from, to, employer, role, country, text};
    rs_cv_experience(cv, rs_xml_line(pos), "PositionHistory", &job);
    rs_xml_not_kept(cv, pos, "PositionHistory", kept, NULL);
    free(current);
    free(role);
    free(text);
}

static void employment(rs_cv *cv, const rs_xnode *history)
{
    static const char *const kept[] = {"OrganizationName", "OrganizationContact",
                                       "PositionHistory", NULL};
    for (const rs_xnode *e = rs_xml_child(history, "EmployerHistory"); e;
         e = rs_xml_next(e, "EmployerHistory")) {
        char country[3];
        char *employer = rs_xml_text_at(e, "OrganizationName");
        employer_country(cv, e, country);
        for (const rs_xnode *p = rs_xml_child(e, "PositionHistory"); p;
             p = rs_xml_next(p, "PositionHistory"))
            position(cv, p, employer, country);
        rs_xml_not_kept(cv, e, "EmployerHistory", kept, NULL);
        free(employer);
    }
}

/* A period's year: its end's, else its start's; 0 when neither. */
static long period_year(const rs_xnode *period)
{
    char date[11];
    period_date(period, "EndDate", 1, date);
    if (!date[0])
        period_date(period, "StartDate", 0, date);
    return date[0] ? strtol(date, NULL, 10) : 0;
}

static void education(rs_cv *cv, const rs_xnode *history)
{
    static const char *const kept[] = {"OrganizationName", "AttendancePeriod",
                                       "EducationDegree", "ProgramName", NULL};
    for (const rs_xnode *a = rs_xml_child(history, "EducationOrganizationAttendance"); a;
         a = rs_xml_next(a, "EducationOrganizationAttendance")) {
        char *degree = rs_xml_text_at(a, "EducationDegree/DegreeName");
        char *program = rs_xml_text_at(a, "ProgramName");
        char *org = rs_xml_text_at(a, "OrganizationName");
        rs_cv_education(cv, rs_xml_line(a), period_year(rs_xml_child(a, "AttendancePeriod")),
                        degree ? degree : program, degree ? program : NULL, org);
        rs_xml_not_kept(cv, a, "EducationOrganizationAttendance", kept, NULL);
        free(degree);
        free(program);
        free(org);
    }
}

/* The level of a language competency: the lowest of its CEFR dimensions,
 * or its own ProficiencyLevel when it has none. */
static rs_cv_levels competency_level(rs_cv *cv, const rs_xnode *c)
{
    rs_cv_levels lv = {RS_CEFR_NONE, 0};
    int dimensions = 0;
    for (const rs_xnode *d = rs_xml_child(c, "CompetencyDimension"); d;
         d = rs_xml_next(d, "CompetencyDimension"), dimensions++) {
        char *type = rs_xml_text_at(d, "CompetencyDimensionTypeCode");
        char *score = rs_xml_text_at(d, "Score/ScoreText");
        char field[96];
        snprintf(field, sizeof field, "PersonCompetency/%s", type && strlen(type) < 64 ? type
                                                                          : "CompetencyDimension");
        rs_cv_levels_add(cv, &lv, rs_xml_line(d), field, score);
        free(type);
        free(score);
    }
    if (!dimensions) {
        char *score = rs_xml_text_at(c, "ProficiencyLevel/ScoreText");
        rs_cv_levels_add(cv, &lv, rs_xml_line(c), "PersonCompetency/ProficiencyLevel", score);
        free(score);
    }
    return lv;
}

static void qualifications(rs_cv *cv, const rs_xnode *q)
{
    char shown[RS_CV_SHOW];
    for (const rs_xnode *c = rs_xml_child(q, "PersonCompetency"); c;
         c = rs_xml_next(c, "PersonCompetency")) {
        char *taxonomy = rs_xml_text_at(c, "TaxonomyID");
        char *id = rs_xml_text_at(c, "CompetencyID");
        if (!taxonomy || strcmp(taxonomy, "language") != 0) {
            rs_cv_warn(cv, rs_xml_line(c), "", "PersonQualifications/PersonCompetency '%s': "
                       "not kept", rs_cv_show(shown, id ? id : "?"));
        } else if (id) {
            rs_cv_levels lv = competency_level(cv, c);
            if (lv.lowest != RS_CEFR_NONE && !lv.bad)
                rs_cv_language(cv, rs_xml_line(c), "PersonCompetency", id, lv.lowest);
            else if (!lv.bad)
                rs_cv_warn(cv, rs_xml_line(c), "PersonCompetency", "'%s': no CEFR level, not kept",
                           rs_cv_show(shown, id));
        }
        free(taxonomy);
        free(id);
    }
}

static void profile(rs_cv *cv, const rs_xnode *p)
{
    static const char *const kept[] = {"EmploymentHistory", "EducationHistory",
                                       "PersonQualifications", NULL};
    static const char *const quiet[] = {"ID", NULL};
    char *lang = rs_xml_attr(p, "languageCode");
    rs_cv_lang(cv, lang);
    free(lang);
    employment(cv, rs_xml_child(p, "EmploymentHistory"));
    education(cv, rs_xml_child(p, "EducationHistory"));
    qualifications(cv, rs_xml_child(p, "PersonQualifications"));
    rs_xml_not_kept(cv, p, "CandidateProfile", kept, quiet);
}

void rs_europass_candidate(rs_cv *cv, const rs_xnode *root)
{
    static const char *const kept[] = {"CandidatePerson", "CandidateProfile", NULL};
    static const char *const quiet[] = {"DocumentID", "CandidateSupplier", "RenderingInformation",
                                        NULL};
    person(cv, rs_xml_child(root, "CandidatePerson"));
    const rs_xnode *first = rs_xml_child(root, "CandidateProfile");
    profile(cv, first);
    for (const rs_xnode *p = rs_xml_next(first, "CandidateProfile"); p;
         p = rs_xml_next(p, "CandidateProfile"))
        rs_cv_warn(cv, rs_xml_line(p), "", "CandidateProfile: only the first profile is read, "
                                           "this one is not kept");
    rs_xml_not_kept(cv, root, "Candidate", kept, quiet);
}
