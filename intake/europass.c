/*
 * The Europass CV of 2004-2020 (XML v3, root SkillsPassport, namespace
 * http://europass.cedefop.europa.eu/Europass) into an expert record.
 *
 * Mapped: LearnerInfo/Identification (PersonName, the address's country as
 * residence, Demographics/Gender and NationalityList), Headline and the
 * communication, organisational and job-related skills as the summary,
 * WorkExperienceList, EducationList, and Skills/Linguistic (a mother tongue
 * is native; a foreign language takes the lowest of its five CEFR
 * sub-skills). Everything else the person wrote (contact details, birth
 * date, photo, computer and driving skills, achievements, attachments) is
 * named in a warning. DocumentInfo and PrintingPreferences describe the
 * file, not the person, and pass without a word.
 */
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "intake/cvmap.h"

/* Documentation only points at the attachments, which are named once. */
static const char *const attachments[] = {"Documentation", NULL};

/* A country element ({Code, Label}): its code, else its label (a name). */
static char *country_of(const rs_xnode *country)
{
    char *code = rs_xml_text_at(country, "Code");
    return code ? code : rs_xml_text_at(country, "Label");
}

static void person(rs_cv *cv, const rs_xnode *id)
{
    static const char *const kept[] = {"PersonName", "ContactInfo", "Demographics", NULL};
    static const char *const contact_kept[] = {"Address", NULL};
    static const char *const demo_kept[] = {"Gender", "NationalityList", NULL};
    char *given = rs_xml_text_at(id, "PersonName/FirstName");
    char *family = rs_xml_text_at(id, "PersonName/Surname");
    rs_cv_name(cv, given, family);
    free(given);
    free(family);
    const rs_xnode *country = rs_xml_at(id, "ContactInfo/Address/Contact/Country");
    char *residence = country_of(country);
    rs_cv_residence(cv, rs_xml_line(country), "Address/Country", residence);
    free(residence);
    const rs_xnode *demo = rs_xml_child(id, "Demographics");
    char *gender = rs_xml_text_at(demo, "Gender/Code");
    rs_cv_gender(cv, gender);
    free(gender);
    for (const rs_xnode *n = rs_xml_at(demo, "NationalityList/Nationality"); n;
         n = rs_xml_next(n, "Nationality")) {
        char *nat = country_of(n);
        rs_cv_nationality(cv, rs_xml_line(n), "Nationality", nat);
        free(nat);
    }
    rs_xml_not_kept(cv, id, "Identification", kept, NULL);
    rs_xml_not_kept(cv, rs_xml_child(id, "ContactInfo"), "Identification/ContactInfo",
                    contact_kept, NULL);
    rs_xml_not_kept(cv, demo, "Identification/Demographics", demo_kept, NULL);
}

/* A date element (From, To) with attributes year, month ("--03"), day. */
static void period_date(const rs_xnode *date, int end, char out[11])
{
    char *year = rs_xml_attr(date, "year"), *month = rs_xml_attr(date, "month");
    char *day = rs_xml_attr(date, "day");
    if (rs_cv_date_parts(year, month, day, end, out) != 0)
        out[0] = '\0';
    free(year);
    free(month);
    free(day);
}

static void work(rs_cv *cv, const rs_xnode *w)
{
    static const char *const kept[] = {"Period", "Position", "Activities", "Employer", NULL};
    char from[11], to[11], shown[RS_CV_SHOW];
    const rs_xnode *period = rs_xml_child(w, "Period");
    period_date(rs_xml_child(period, "From"), 0, from);
    char *current = rs_xml_text_at(period, "Current");
    period_date(rs_xml_child(period, "To"), 1, to);
    if (current && strcmp(current, "true") == 0)
        to[0] = '\0';
    char *role = rs_xml_text_at(w, "Position/Label");
    char *employer = rs_xml_text_at(w, "Employer/Name");
    const rs_xnode *where = rs_xml_at(w, "Employer/ContactInfo/Address/Contact/Country");
    char *country = rs_xml_text_at(where, "Code");
    char code[3] = "";
    /* A job's country is kept only as a code the record takes. */
    if (country && rs_country_resolve(country, code) != 0)
        rs_cv_warn(cv, rs_xml_line(where), "WorkExperience", "country '%s' not kept",
                   rs_cv_show(shown, country));
    char *text = rs_xml_plain_at(cv, w, "Activities");
    rs_cv_job job = {from, to, employer, role, code, text};
    rs_cv_experience(cv, rs_xml_line(w), "WorkExperience", &job);
    rs_xml_not_kept(cv, w, "WorkExperience", kept, attachments);
    free(current);
    free(role);
    free(employer);
    free(country);
    free(text);
}

static void education(rs_cv *cv, const rs_xnode *e)
{
    static const char *const kept[] = {"Period", "Title", "Organisation", "Field", NULL};
    const rs_xnode *period = rs_xml_child(e, "Period");
    const rs_xnode *end = rs_xml_child(period, "To");
    char *year = rs_xml_attr(end ? end : rs_xml_child(period, "From"), "year");
    char *title = rs_xml_text_at(e, "Title");
    char *field = rs_xml_text_at(e, "Field/Label");
    char *org = rs_xml_text_at(e, "Organisation/Name");
    rs_cv_education(cv, rs_xml_line(e), year ? strtol(year, NULL, 10) : 0, title, field, org);
    rs_xml_not_kept(cv, e, "Education", kept, attachments);
    free(year);
    free(title);
    free(field);
    free(org);
}

/* A language's Description: its code, else its label (a name). */
static char *language_of(const rs_xnode *lang)
{
    char *code = rs_xml_text_at(lang, "Description/Code");
    return code ? code : rs_xml_text_at(lang, "Description/Label");
}

static void foreign(rs_cv *cv, const rs_xnode *f)
{
    static const char *const skills[] = {"Listening", "Reading", "SpokenInteraction",
                                         "SpokenProduction", "Writing"};
    static const char *const kept[] = {"Description", "ProficiencyLevel", NULL};
    char field[64], shown[RS_CV_SHOW];
    char *lang = language_of(f);
    const rs_xnode *prof = rs_xml_child(f, "ProficiencyLevel");
    rs_cv_levels lv = {RS_CEFR_NONE, 0};
    for (size_t i = 0; i < sizeof skills / sizeof skills[0]; i++) {
        const rs_xnode *s = rs_xml_child(prof, skills[i]);
        char *level = rs_xml_text(s);
        snprintf(field, sizeof field, "ForeignLanguage/ProficiencyLevel/%s", skills[i]);
        rs_cv_levels_add(cv, &lv, rs_xml_line(s), field, level);
        free(level);
    }
    if (lang && lv.lowest != RS_CEFR_NONE && !lv.bad)
        rs_cv_language(cv, rs_xml_line(f), "ForeignLanguage", lang, lv.lowest);
    else if (lang && !lv.bad)
        rs_cv_warn(cv, rs_xml_line(f), "ForeignLanguage", "'%s': no CEFR level, not kept",
                   rs_cv_show(shown, lang));
    rs_xml_not_kept(cv, f, "ForeignLanguage", kept, attachments);
    free(lang);
}

static void languages(rs_cv *cv, const rs_xnode *ling)
{
    for (const rs_xnode *m = rs_xml_at(ling, "MotherTongueList/MotherTongue"); m;
         m = rs_xml_next(m, "MotherTongue")) {
        char *lang = language_of(m);
        rs_cv_language(cv, rs_xml_line(m), "MotherTongue", lang, RS_CEFR_NATIVE);
        free(lang);
    }
    for (const rs_xnode *f = rs_xml_at(ling, "ForeignLanguageList/ForeignLanguage"); f;
         f = rs_xml_next(f, "ForeignLanguage"))
        foreign(cv, f);
}

/* The summary: the headline, then the skills told in words. */
static void summary(rs_cv *cv, const rs_xnode *info)
{
    static const char *const told[] = {"Communication", "Organisational", "JobRelated"};
    char *headline = rs_xml_plain_at(cv, info, "Headline/Description/Label");
    rs_cv_summary(cv, headline);
    free(headline);
    const rs_xnode *skills = rs_xml_child(info, "Skills");
    for (size_t i = 0; i < sizeof told / sizeof told[0]; i++) {
        char *text = rs_xml_plain_at(cv, rs_xml_child(skills, told[i]), "Description");
        rs_cv_summary(cv, text);
        free(text);
    }
}

void rs_europass_v3(rs_cv *cv, const rs_xnode *root)
{
    static const char *const root_kept[] = {"LearnerInfo", NULL};
    static const char *const root_quiet[] = {"DocumentInfo", "PrintingPreferences", NULL};
    static const char *const info_kept[] = {"Identification", "Headline", "WorkExperienceList",
                                            "EducationList", "Skills", NULL};
    static const char *const skills_kept[] = {"Linguistic", "Communication", "Organisational",
                                              "JobRelated", NULL};
    const rs_xnode *info = rs_xml_child(root, "LearnerInfo");
    char *locale = rs_xml_attr(root, "locale");
    rs_cv_lang(cv, locale);
    free(locale);
    person(cv, rs_xml_child(info, "Identification"));
    summary(cv, info);
    for (const rs_xnode *w = rs_xml_at(info, "WorkExperienceList/WorkExperience"); w;
         w = rs_xml_next(w, "WorkExperience"))
        work(cv, w);
    for (const rs_xnode *e = rs_xml_at(info, "EducationList/Education"); e;
         e = rs_xml_next(e, "Education"))
        education(cv, e);
    languages(cv, rs_xml_at(info, "Skills/Linguistic"));
    rs_xml_not_kept(cv, root, "SkillsPassport", root_kept, root_quiet);
    rs_xml_not_kept(cv, info, "LearnerInfo", info_kept, attachments);
    rs_xml_not_kept(cv, rs_xml_child(info, "Skills"), "Skills", skills_kept, NULL);
}
