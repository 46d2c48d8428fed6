/*
 * CVs into expert records (intake/cv.h): Europass v3, the 2020 Candidate
 * and JSON Resume mapped field by field; the lowest CEFR sub-skill; mother
 * tongues as native; EL, UK and country names; the warnings for what is
 * not kept; every way a CV is refused; and, through lib/roster.h, that a CV
 * goes in like a JSON Lines record (its problems, all or nothing). The CVs
 * here are of fictional people.
 */
#define _GNU_SOURCE /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/codes.h"
#include "core/diag.h"
#include "intake/cv.h"
#include "intake/cvmap.h"
#include "tests/unit/scratch.h"

#define V3_OPEN                                                                     \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                  \
    "<SkillsPassport xmlns=\"http://europass.cedefop.europa.eu/Europass\" locale=\"pt\">\n" \
    "<LearnerInfo>\n"
#define V3_CLOSE "</LearnerInfo>\n</SkillsPassport>\n"
#define V3_PERSON                                                                   \
    "<Identification>\n"                                                            \
    "<PersonName><FirstName>Benedita</FirstName><Surname>Lobo</Surname></PersonName>\n" \
    "<Demographics><Gender><Code>F</Code></Gender>\n"                               \
    "<NationalityList><Nationality><Code>PT</Code></Nationality></NationalityList>\n" \
    "</Demographics></Identification>\n"

static const char V3[] =
    V3_OPEN
    "<Identification>\n"
    "<PersonName><FirstName>Benedita</FirstName><Surname>Lobo</Surname></PersonName>\n"
    "<ContactInfo><Address><Contact><Country><Code>UK</Code></Country></Contact></Address>\n"
    "<Email><Contact>b@example.org</Contact></Email></ContactInfo>\n"
    "<Demographics><Birthdate year=\"1971\"/><Gender><Code>F</Code></Gender>\n"
    "<NationalityList><Nationality><Code>PT</Code></Nationality>\n"
    "<Nationality><Code>EL</Code></Nationality>\n"
    "<Nationality><Label>Espagne</Label></Nationality>\n"
    "<Nationality><Label>Atlantis</Label></Nationality></NationalityList>\n"
    "</Demographics></Identification>\n"
    "<Headline><Description><Label>Labour inspector</Label></Description></Headline>\n"
    "<WorkExperienceList><WorkExperience>\n"
    "<Period><From year=\"2015\" month=\"--03\"/><Current>true</Current></Period>\n"
    "<Position><Label>Senior inspector</Label></Position>\n"
    "<Activities>&lt;p&gt;Inspection &amp;amp; training&lt;/p&gt;&lt;ul&gt;&lt;li&gt;One"
    "&lt;/li&gt;&lt;li&gt;Two&lt;/li&gt;&lt;/ul&gt;</Activities>\n"
    "<Employer><Name>Labour Authority</Name>\n"
    "<ContactInfo><Address><Contact><Country><Code>EL</Code></Country></Contact></Address>"
    "</ContactInfo></Employer>\n"
    "</WorkExperience><WorkExperience>\n"
    "<Period><From year=\"2004\" month=\"--09\" day=\"---01\"/><To year=\"2015\"/></Period>\n"
    "<Position><Label>Officer</Label></Position><Employer><Name>Pension Institute</Name></Employer>\n"
    "</WorkExperience></WorkExperienceList>\n"
    "<EducationList><Education><Period><From year=\"1989\"/><To year=\"1994\"/></Period>\n"
    "<Title>Law degree</Title><Organisation><Name>University of Coimbra</Name></Organisation>\n"
    "<Field><Label>Law</Label></Field></Education></EducationList>\n"
    "<Skills><Linguistic>\n"
    "<MotherTongueList><MotherTongue><Description><Code>pt</Code></Description></MotherTongue>"
    "</MotherTongueList>\n"
    "<ForeignLanguageList><ForeignLanguage><Description><Code>fr</Code></Description>\n"
    "<ProficiencyLevel><Listening>C1</Listening><Reading>C2</Reading>"
    "<SpokenInteraction>B2</SpokenInteraction><SpokenProduction>C1</SpokenProduction>"
    "<Writing>C1</Writing></ProficiencyLevel></ForeignLanguage>\n"
    "<ForeignLanguage><Description><Label>Italian</Label></Description></ForeignLanguage>\n"
    "</ForeignLanguageList></Linguistic>\n"
    "<JobRelated><Description>Audits of contribution schemes</Description></JobRelated>\n"
    "<Computer><Description>Spreadsheets</Description></Computer>\n"
    "</Skills>\n" V3_CLOSE;

static const char CANDIDATE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Candidate xmlns=\"http://www.europass.eu/1.0\" xmlns:oa=\"http://www.openapplications.org/oagis/9\"\n"
    " xmlns:eures=\"http://www.europass_eures.eu/1.0\" xmlns:hr=\"http://www.hr-xml.org/3\">\n"
    "<hr:DocumentID schemeID=\"x\"/>\n"
    "<CandidatePerson>\n"
    "<PersonName><oa:GivenName>Inês</oa:GivenName><hr:FamilyName>Ferraz</hr:FamilyName></PersonName>\n"
    "<Communication><ChannelCode>Telephone</ChannelCode><oa:DialNumber>1</oa:DialNumber></Communication>\n"
    "<Communication><Address><CountryCode>mz</CountryCode></Address></Communication>\n"
    "<NationalityCode>pt</NationalityCode><NationalityCode>UK</NationalityCode>\n"
    "<GenderCode>do_not_indicate</GenderCode>\n"
    "<PrimaryLanguageCode>por</PrimaryLanguageCode>\n"
    "</CandidatePerson>\n"
    "<CandidateProfile languageCode=\"es\">\n"
    "<EmploymentHistory><EmployerHistory><hr:OrganizationName>Ministry</hr:OrganizationName>\n"
    "<PositionHistory><PositionTitle>Adviser</PositionTitle>\n"
    "<eures:EmploymentPeriod><eures:StartDate><hr:FormattedDateTime>2018-06-01</hr:FormattedDateTime>"
    "</eures:StartDate><eures:EndDate><hr:FormattedDateTime>2020</hr:FormattedDateTime></eures:EndDate>"
    "<hr:CurrentIndicator>false</hr:CurrentIndicator></eures:EmploymentPeriod>\n"
    "<oa:Description>&lt;p&gt;Pension reform&lt;/p&gt;</oa:Description></PositionHistory>\n"
    "</EmployerHistory></EmploymentHistory>\n"
    "<EducationHistory><EducationOrganizationAttendance>"
    "<hr:OrganizationName>University of Lisbon</hr:OrganizationName>\n"
    "<AttendancePeriod><StartDate><hr:FormattedDateTime>2005-09-01</hr:FormattedDateTime></StartDate>"
    "</AttendancePeriod>\n"
    "<EducationDegree><hr:DegreeName>MSc Economics</hr:DegreeName></EducationDegree>"
    "</EducationOrganizationAttendance></EducationHistory>\n"
    "<PersonQualifications>\n"
    "<PersonCompetency><CompetencyID>fra</CompetencyID><hr:TaxonomyID>language</hr:TaxonomyID>\n"
    "<eures:CompetencyDimension><hr:CompetencyDimensionTypeCode>CEF-Understanding-Listening"
    "</hr:CompetencyDimensionTypeCode><eures:Score><hr:ScoreText>C1</hr:ScoreText></eures:Score>"
    "</eures:CompetencyDimension>\n"
    "<eures:CompetencyDimension><hr:CompetencyDimensionTypeCode>CEF-Writing-Interaction"
    "</hr:CompetencyDimensionTypeCode><eures:Score><hr:ScoreText>A2</hr:ScoreText></eures:Score>"
    "</eures:CompetencyDimension></PersonCompetency>\n"
    "<PersonCompetency><CompetencyID>http://publications.europa.eu/resource/authority/language/DEU"
    "</CompetencyID><hr:TaxonomyID>language</hr:TaxonomyID>\n"
    "<eures:ProficiencyLevel><hr:ScoreText>B2</hr:ScoreText></eures:ProficiencyLevel>"
    "</PersonCompetency>\n"
    "<PersonCompetency><CompetencyID>ita</CompetencyID><hr:TaxonomyID>language</hr:TaxonomyID>"
    "</PersonCompetency>\n"
    "<PersonCompetency><CompetencyID>Spreadsheets</CompetencyID>"
    "<hr:TaxonomyID>Digital_Skill</hr:TaxonomyID></PersonCompetency>\n"
    "</PersonQualifications></CandidateProfile>\n"
    "<CandidateProfile languageCode=\"en\"/>\n"
    "</Candidate>\n";

static const char RESUME[] =
    "{\"basics\": {\"name\": \"Tomás Arrieta\", \"label\": \"Actuary\",\n"
    "  \"email\": \"t@example.org\", \"summary\": \"Pension valuations.\",\n"
    "  \"location\": {\"countryCode\": \"ES\"}, \"nationalities\": [\"Espanha\", \"UK\"]},\n"
    " \"work\": [{\"name\": \"Ministry\", \"position\": \"Chief actuary\", \"startDate\": \"2016-01\",\n"
    "   \"summary\": \"Projections.\", \"highlights\": [\"Led the valuation\"]},\n"
    "  {\"company\": \"Insurer\", \"position\": \"Actuary\", \"startDate\": \"2008\",\n"
    "   \"endDate\": \"2015-12-31\"},\n"
    "  {\"position\": \"Intern\", \"startDate\": \"15/03/2007\"}],\n"
    " \"education\": [{\"institution\": \"Deusto\", \"area\": \"Actuarial science\",\n"
    "   \"studyType\": \"Master\", \"startDate\": \"2006\", \"endDate\": \"2008-06\"}],\n"
    " \"languages\": [{\"language\": \"Spanish\", \"fluency\": \"Native speaker\"},\n"
    "  {\"language\": \"Français\", \"fluency\": \"C1 - advanced\"},\n"
    "  {\"language\": \"English\", \"fluency\": \"Fluent\"},\n"
    "  {\"language\": \"Portuguese\", \"fluency\": \"near-native\"},\n"
    "  {\"language\": \"German\", \"fluency\": \"Langue maternelle\"}],\n"
    " \"skills\": [{\"name\": \"R\"}]}\n";

/* Read text as a CV named file, as expert "x". */
static rs_cv_result read_cv(const char *text, const char *file, json_t **out, rs_diag *d)
{
    rs_diag_init(d);
    return rs_cv_read(text, strlen(text), file, "x", out, d);
}

/* The record's member at a dotted path ("experience.0.from"). */
static const json_t *at(const json_t *v, const char *path)
{
    char part[32];
    while (v && *path) {
        size_t n = strcspn(path, ".");
        snprintf(part, sizeof part, "%.*s", (int)n, path);
        v = json_is_array(v) ? json_array_get(v, strtoul(part, NULL, 10))
                             : json_object_get(v, part);
        path += n + (path[n] == '.');
    }
    return v;
}

static void assert_member(const json_t *rec, const char *path, const char *want)
{
    const json_t *v = at(rec, path);
    if (!json_is_string(v))
        fail_msg("%s: no string (wanted '%s')", path, want);
    if (strcmp(json_string_value(v), want) != 0)
        fail_msg("%s: '%s', wanted '%s'", path, json_string_value(v), want);
}

/* A problem of severity sev whose field and message hold the texts given
 * (field NULL: any), at line (0: any). */
static int has_problem(const rs_diag *d, rs_severity sev, long line, const char *field,
                       const char *text)
{
    for (size_t i = 0; i < d->n; i++) {
        const rs_problem *p = &d->items[i];
        if (p->severity == sev && (!line || p->line == line) &&
            (!field || strcmp(p->field, field) == 0) && strstr(p->message, text))
            return 1;
    }
    return 0;
}

static void print_problems(const rs_diag *d)
{
    rs_diag_print(d, stderr);
}

#define assert_problem(d, sev, line, field, text)                                    \
    do {                                                                             \
        if (!has_problem(d, sev, line, field, text)) {                               \
            print_problems(d);                                                       \
            fail_msg("no %s '%s' at line %ld", #sev, text, (long)(line));            \
        }                                                                            \
    } while (0)

static void test_v3_person(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    assert_int_equal(read_cv(V3, "benedita-lobo.xml", &rec, &d), RS_CV_RECORD);
    assert_member(rec, "id", "x");
    assert_member(rec, "name", "Benedita Lobo");
    assert_member(rec, "gender", "F");
    /* PT by code, EL is GR, a label in French is Spain, GR not twice. */
    assert_int_equal(json_array_size(at(rec, "nationalities")), 3);
    assert_member(rec, "nationalities.0", "PT");
    assert_member(rec, "nationalities.1", "GR");
    assert_member(rec, "nationalities.2", "ES");
    assert_member(rec, "residence", "GB"); /* UK */
    assert_member(rec, "cv_lang", "pt");
    assert_member(rec, "summary", "Labour inspector\n\nAudits of contribution schemes");
    assert_problem(&d, RS_WARNING, 12, "Nationality", "'Atlantis' is no country");
    assert_problem(&d, RS_WARNING, 7, "", "Identification/ContactInfo/Email: not kept");
    assert_problem(&d, RS_WARNING, 8, "", "Identification/Demographics/Birthdate: not kept");
    assert_problem(&d, RS_WARNING, 0, "", "Skills/Computer: not kept");
    assert_int_equal(d.n_errors, 0);
    json_decref(rec);
    rs_diag_free(&d);
}

static void test_v3_experience_and_education(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    assert_int_equal(read_cv(V3, "b.xml", &rec, &d), RS_CV_RECORD);
    assert_int_equal(json_array_size(at(rec, "experience")), 2);
    assert_member(rec, "experience.0.from", "2015-03");
    assert_null(at(rec, "experience.0.to")); /* Current: no end */
    assert_member(rec, "experience.0.role", "Senior inspector");
    assert_member(rec, "experience.0.employer", "Labour Authority");
    assert_member(rec, "experience.0.country", "GR");
    assert_member(rec, "experience.0.text", "Inspection & training\n\n- One\n- Two");
    assert_member(rec, "experience.1.from", "2004-09-01");
    assert_member(rec, "experience.1.to", "2015-12"); /* a year alone ends in December */
    assert_member(rec, "employer", "Labour Authority"); /* the current job's */
    assert_int_equal(json_integer_value(at(rec, "education.0.year")), 1994);
    assert_member(rec, "education.0.degree", "Law degree");
    assert_member(rec, "education.0.field", "Law");
    assert_member(rec, "education.0.institution", "University of Coimbra");
    json_decref(rec);
    rs_diag_free(&d);
}

static void test_v3_languages(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    assert_int_equal(read_cv(V3, "b.xml", &rec, &d), RS_CV_RECORD);
    assert_int_equal(json_array_size(at(rec, "languages")), 2);
    assert_member(rec, "languages.0.code", "pt");
    assert_member(rec, "languages.0.level", "native"); /* a mother tongue */
    assert_member(rec, "languages.1.code", "fr");
    assert_member(rec, "languages.1.level", "B2"); /* the lowest of C1 C2 B2 C1 C1 */
    assert_problem(&d, RS_WARNING, 0, "ForeignLanguage", "'Italian': no CEFR level, not kept");
    json_decref(rec);
    rs_diag_free(&d);
}

static void test_candidate(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    assert_int_equal(read_cv(CANDIDATE, "ines.xml", &rec, &d), RS_CV_RECORD);
    assert_member(rec, "name", "Inês Ferraz");
    assert_member(rec, "gender", "X");
    assert_member(rec, "nationalities.0", "PT");
    assert_member(rec, "nationalities.1", "GB");
    assert_member(rec, "residence", "MZ");
    assert_member(rec, "cv_lang", "es");
    assert_member(rec, "experience.0.from", "2018-06-01");
    assert_member(rec, "experience.0.to", "2020-12");
    assert_member(rec, "experience.0.role", "Adviser");
    assert_member(rec, "experience.0.employer", "Ministry");
    assert_member(rec, "experience.0.text", "Pension reform");
    assert_null(at(rec, "employer")); /* no current job */
    assert_int_equal(json_integer_value(at(rec, "education.0.year")), 2005);
    assert_member(rec, "education.0.degree", "MSc Economics");
    assert_member(rec, "education.0.institution", "University of Lisbon");
    assert_member(rec, "languages.0.code", "pt");
    assert_member(rec, "languages.0.level", "native");
    assert_member(rec, "languages.1.code", "fr");
    assert_member(rec, "languages.1.level", "A2"); /* Writing-Interaction, the lowest */
    assert_member(rec, "languages.2.code", "de"); /* a URI's code; no dimensions */
    assert_member(rec, "languages.2.level", "B2");
    assert_int_equal(json_array_size(at(rec, "languages")), 3);
    assert_problem(&d, RS_WARNING, 0, "PersonCompetency", "'ita': no CEFR level, not kept");
    assert_problem(&d, RS_WARNING, 0, "", "PersonCompetency 'Spreadsheets': not kept");
    assert_problem(&d, RS_WARNING, 7, "", "CandidatePerson/Communication (Telephone): not kept");
    assert_problem(&d, RS_WARNING, 0, "", "only the first profile is read");
    json_decref(rec);
    rs_diag_free(&d);
}

static void test_json_resume(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    assert_true(rs_cv_is_json_resume(RESUME, strlen(RESUME)));
    assert_int_equal(read_cv(RESUME, "tomas.json", &rec, &d), RS_CV_RECORD);
    assert_member(rec, "name", "Tomás Arrieta");
    assert_member(rec, "nationalities.0", "ES"); /* a Portuguese name */
    assert_member(rec, "nationalities.1", "GB");
    assert_member(rec, "residence", "ES");
    assert_member(rec, "summary", "Actuary\n\nPension valuations.");
    assert_member(rec, "experience.0.employer", "Ministry");
    assert_member(rec, "experience.0.role", "Chief actuary");
    assert_member(rec, "experience.0.text", "Projections.\n- Led the valuation");
    assert_member(rec, "experience.1.employer", "Insurer"); /* "company", the old key */
    assert_member(rec, "experience.1.from", "2008-01");
    assert_member(rec, "experience.1.to", "2015-12-31");
    assert_int_equal(json_array_size(at(rec, "experience")), 2);
    assert_problem(&d, RS_WARNING, 1, "work[2]", "startDate '15/03/2007' is no date");
    assert_problem(&d, RS_WARNING, 1, "work[2]", "Intern: no start date, so not kept");
    assert_int_equal(json_integer_value(at(rec, "education.0.year")), 2008);
    assert_member(rec, "education.0.degree", "Master");
    assert_member(rec, "education.0.field", "Actuarial science");
    assert_member(rec, "languages.0.code", "es");
    assert_member(rec, "languages.0.level", "native");
    assert_member(rec, "languages.1.code", "fr");
    assert_member(rec, "languages.1.level", "C1");
    assert_member(rec, "languages.2.code", "de"); /* in French words */
    assert_member(rec, "languages.2.level", "native");
    assert_int_equal(json_array_size(at(rec, "languages")), 3);
    assert_problem(&d, RS_WARNING, 1, "languages[2]", "fluency 'Fluent' names no CEFR level");
    assert_problem(&d, RS_WARNING, 1, "languages[3]", "fluency 'near-native' names no CEFR");
    assert_problem(&d, RS_WARNING, 1, "", "basics.email: not kept");
    assert_problem(&d, RS_WARNING, 1, "", "skills: not kept");
    json_decref(rec);
    rs_diag_free(&d);
}

static void test_json_resume_detection(void **state)
{
    (void)state;
    const char jsonl[] = "{\"id\":\"a\",\"name\":\"A\",\"nationalities\":[\"FR\"]}\n"
                         "{\"id\":\"b\",\"name\":\"B\",\"nationalities\":[\"FR\"]}\n";
    const char no_basics[] = "{\"work\": []}";
    const char not_object[] = "{\"basics\": \"Tomás\"}";
    assert_false(rs_cv_is_json_resume(jsonl, strlen(jsonl)));
    assert_false(rs_cv_is_json_resume(no_basics, strlen(no_basics)));
    assert_false(rs_cv_is_json_resume(not_object, strlen(not_object)));
    assert_false(rs_cv_is_json_resume("{", 1));
}

static void test_missing_name_and_nationality(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    static const char v3[] = V3_OPEN "<Identification/>\n" V3_CLOSE;
    assert_int_equal(read_cv(v3, "n.xml", &rec, &d), RS_CV_BAD);
    assert_null(rec);
    assert_problem(&d, RS_ERROR, 4, "name", "required: the CV gives no name");
    assert_problem(&d, RS_ERROR, 4, "nationalities", "NationalityList/Nationality");
    rs_diag_free(&d);
    static const char candidate[] = "<Candidate><CandidatePerson><PersonName><GivenName>A"
                                    "</GivenName></PersonName></CandidatePerson></Candidate>";
    assert_int_equal(read_cv(candidate, "c.xml", &rec, &d), RS_CV_BAD);
    assert_problem(&d, RS_ERROR, 1, "nationalities", "CandidatePerson/NationalityCode");
    rs_diag_free(&d);
    static const char resume[] = "{\"basics\": {\"name\": \"Wendell Okafor\"}}";
    assert_int_equal(read_cv(resume, "w.json", &rec, &d), RS_CV_BAD);
    assert_problem(&d, RS_ERROR, 1, "nationalities", "\"nationalities\": [\"PT\"]");
    assert_int_equal(d.n_errors, 1);
    rs_diag_free(&d);
}

static void test_bad_cefr(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    static const char v3[] =
        V3_OPEN V3_PERSON
        "<Skills><Linguistic><ForeignLanguageList><ForeignLanguage>\n"
        "<Description><Code>de</Code></Description>\n"
        "<ProficiencyLevel><Listening>B2</Listening>\n<Writing>D1</Writing></ProficiencyLevel>\n"
        "</ForeignLanguage></ForeignLanguageList></Linguistic></Skills>\n" V3_CLOSE;
    assert_int_equal(read_cv(v3, "c.xml", &rec, &d), RS_CV_BAD);
    assert_problem(&d, RS_ERROR, 12, "ForeignLanguage/ProficiencyLevel/Writing",
                   "bad CEFR level 'D1' (A1..C2)");
    rs_diag_free(&d);
}

static void test_unreadable(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    assert_int_equal(read_cv("Just words.", "w.xml", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 1, "", "not XML: no element (an XML CV starts with '<')");
    rs_diag_free(&d);
    assert_int_equal(read_cv("<resume>\n</resume>", "r.xml", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 1, "", "not a Europass CV (root element resume");
    rs_diag_free(&d);
    assert_int_equal(read_cv(" \n", "e.xml", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 0, "", "empty: not a CV");
    rs_diag_free(&d);
    assert_int_equal(read_cv("{\"work\": []}", "j.json", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 1, "", "not a JSON Resume");
    rs_diag_free(&d);
    assert_int_equal(read_cv("{\"basics\": ", "j.json", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 0, "", "invalid JSON");
    rs_diag_free(&d);
    /* Latin-1 bytes: a CV is UTF-8 whatever it declares. */
    assert_int_equal(read_cv("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><SkillsPassport>"
                             "<LearnerInfo>Jos\xe9</LearnerInfo></SkillsPassport>",
                             "l.xml", &rec, &d),
                     RS_CV_UNREADABLE);
    rs_diag_free(&d);
    rs_diag_init(&d);
    char *big = calloc(RS_CV_MAX + 2, 1);
    assert_non_null(big);
    memset(big, ' ', RS_CV_MAX + 1);
    assert_int_equal(rs_cv_read(big, RS_CV_MAX + 1, "big.xml", "x", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 0, "", "larger than 8 MiB");
    free(big);
    rs_diag_free(&d);
}

/* A CV's damaged XML is said at its line, in a person's words: the first
 * fault, not what libxml2 says last (an attribute without quotes is
 * also "extra content at the end"). */
static void test_damaged_xml(void **state)
{
    (void)state;
    static const struct {
        const char *xml;
        long line;
        const char *said;
    } cases[] = {
        {"<SkillsPassport>\n<LearnerInfo>\n</Learner>\n</SkillsPassport>", 3,
         "damaged XML: <LearnerInfo>, opened on line 2, is closed by </Learner>"},
        {"<SkillsPassport>\n<LearnerInfo>\n", 3,
         "damaged XML: the file ends before <LearnerInfo>, opened on line 2, is closed: is it "
         "cut short?"},
        {"<SkillsPassport>\n<A>Smith & Co</A>\n</SkillsPassport>", 2,
         "damaged XML: a bare '&': write it &amp;"},
        {"<SkillsPassport>\n<A>a &amp b</A>\n</SkillsPassport>", 2,
         "damaged XML: an '&' without its ';'"},
        {"<SkillsPassport>\n<A>&nbsp;</A>\n</SkillsPassport>", 2,
         "damaged XML: &nbsp; is no XML entity: write the character itself"},
        {"<SkillsPassport>\n<A>a < b</A>\n</SkillsPassport>", 2,
         "damaged XML: a '<' that starts no element: in text, write it &lt;"},
        {"<SkillsPassport a=1>\n</SkillsPassport>", 1,
         "damaged XML: an attribute's value without quotes: write it name=\"value\""},
        {"<SkillsPassport a=\"1\" a=\"2\">\n</SkillsPassport>", 1,
         "damaged XML: attribute a given twice in one tag"},
        {"<SkillsPassport>\n<A b=\"x<y\"/>\n</SkillsPassport>", 2,
         "damaged XML: a '<' in an attribute's value: write it &lt;"},
        {"<SkillsPassport>\n<A\n</SkillsPassport>", 3,
         "damaged XML: a tag without its closing '>'"},
        {"<SkillsPassport/>\n<B/>\n", 2,
         "damaged XML: more after the CV's last closing tag: a CV is one element"},
        {"\n<?xml version=\"1.0\"?>\n<SkillsPassport/>", 2,
         "damaged XML: the <?xml ...?> line is not the file's first"},
        {"<SkillsPassport>\n<A>Jos\xe9</A>\n</SkillsPassport>", 2,
         "damaged XML: a byte that is not UTF-8 (0xE9): save the CV as UTF-8"},
        {"<SkillsPassport>\n<A>a\x01" "b</A>\n</SkillsPassport>", 2,
         "damaged XML: a character XML does not allow (U+0001): remove it"},
        {"<SkillsPassport><A></B></A></SkillsPassport>", 1,
         "damaged XML: <A>, opened on line 1, is closed by </B>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *rec;
        rs_diag d;
        assert_int_equal(read_cv(cases[i].xml, "cv.xml", &rec, &d), RS_CV_UNREADABLE);
        assert_int_equal(d.n, 1);
        assert_problem(&d, RS_ERROR, cases[i].line, "", cases[i].said);
        rs_diag_free(&d);
    }
}

/* Entities are never expanded nor fetched: a DOCTYPE is refused unread. */
static void test_entities_refused(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    static const char laughs[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE SkillsPassport [\n<!ENTITY a \"aaaaaaaaaa\">\n"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
        "]>\n<SkillsPassport><LearnerInfo><Identification><PersonName><FirstName>&c;"
        "</FirstName></PersonName></Identification></LearnerInfo></SkillsPassport>\n";
    static const char xxe[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE SkillsPassport [<!ENTITY s SYSTEM "
        "\"file:///etc/passwd\">]>\n<SkillsPassport><LearnerInfo>&s;</LearnerInfo>"
        "</SkillsPassport>\n";
    assert_int_equal(read_cv(laughs, "l.xml", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 0, "", "a CV with a DOCTYPE is refused");
    rs_diag_free(&d);
    assert_int_equal(read_cv(xxe, "x.xml", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 0, "", "a CV with a DOCTYPE is refused");
    rs_diag_free(&d);
    /* An entity never declared is no well-formed XML. */
    assert_int_equal(read_cv("<SkillsPassport>&s;</SkillsPassport>", "u.xml", &rec, &d),
                     RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 1, "", "damaged XML: &s; is no XML entity");
    rs_diag_free(&d);
}

static void test_depth_bound(void **state)
{
    (void)state;
    json_t *rec;
    rs_diag d;
    char deep[8192] = "<SkillsPassport>";
    for (int i = 0; i < RS_XML_DEPTH; i++)
        strcat(deep, "<a>");
    for (int i = 0; i < RS_XML_DEPTH; i++)
        strcat(deep, "</a>");
    strcat(deep, "</SkillsPassport>");
    assert_int_equal(read_cv(deep, "d.xml", &rec, &d), RS_CV_UNREADABLE);
    assert_problem(&d, RS_ERROR, 0, "", "nested deeper than 64");
    rs_diag_free(&d);
}

static void test_id_from_name(void **state)
{
    (void)state;
    char id[RS_ID_MAX + 1];
    rs_diag d;
    rs_diag_init(&d);
    assert_int_equal(rs_cv_id_from_name("cvs/benedita-lobo.xml", id, &d), 0);
    assert_string_equal(id, "benedita-lobo");
    assert_int_equal(rs_cv_id_from_name("j.smith.json", id, &d), 0);
    assert_string_equal(id, "j.smith");
    assert_int_equal(rs_cv_id_from_name("dir.d/EXP-7", id, &d), 0);
    assert_string_equal(id, "EXP-7");
    assert_int_equal(d.n, 0);
    assert_int_equal(rs_cv_id_from_name("cvs/Benedita Lobo.xml", id, &d), -1);
    assert_problem(&d, RS_ERROR, 0, "id", "'Benedita Lobo' is not an expert id");
    assert_problem(&d, RS_ERROR, 0, "id", "--id ID");
    char long_name[RS_ID_MAX + 8];
    memset(long_name, 'a', RS_ID_MAX + 1);
    strcpy(long_name + RS_ID_MAX + 1, ".xml");
    assert_int_equal(rs_cv_id_from_name(long_name, id, &d), -1);
    rs_diag_free(&d);
}

static void test_plain_text(void **state)
{
    (void)state;
    char *t = rs_cv_plain("<p>One &amp; two</p>\n   <p>Three&nbsp;four &#233;&#xE9; &bogus;</p>");
    assert_string_equal(t, "One & two\n\nThree four éé &bogus;");
    free(t);
    t = rs_cv_plain("No tags: a < b\n  and lines   kept\n\n\n\nonce");
    assert_string_equal(t, "No tags: a < b\nand lines kept\n\nonce");
    free(t);
    t = rs_cv_plain("<ul><li>A</li><li><b>B</b></li></ul>Tail<br/>end");
    assert_string_equal(t, "- A\n- B\n\nTail\nend");
    free(t);
}

static void test_dates(void **state)
{
    (void)state;
    char out[11];
    assert_int_equal(rs_cv_date("2019", 0, out), 0);
    assert_string_equal(out, "2019-01");
    assert_int_equal(rs_cv_date("2019", 1, out), 0);
    assert_string_equal(out, "2019-12");
    assert_int_equal(rs_cv_date("2019-03-15T00:00:00Z", 0, out), 0);
    assert_string_equal(out, "2019-03-15");
    assert_int_equal(rs_cv_date("15/03/2019", 0, out), -1);
    assert_int_equal(rs_cv_date("20190", 0, out), -1);
    assert_int_equal(rs_cv_date("2019-13", 0, out), -1);
    assert_int_equal(rs_cv_date_parts("2001", "--03", "---10", 0, out), 0);
    assert_string_equal(out, "2001-03-10");
    assert_int_equal(rs_cv_date_parts("2001", "03", NULL, 1, out), 0);
    assert_string_equal(out, "2001-03");
    assert_int_equal(rs_cv_date_parts("2001", NULL, "---10", 1, out), 0);
    assert_string_equal(out, "2001-12"); /* a day without its month says nothing */
    assert_int_equal(rs_cv_date_parts(NULL, "--03", NULL, 0, out), -1);
}

static void test_language_names(void **state)
{
    (void)state;
    char code[3];
    assert_int_equal(rs_language_resolve("French", code), 0);
    assert_string_equal(code, "fr");
    assert_int_equal(rs_language_resolve("  FRANÇAIS ", code), 0);
    assert_string_equal(code, "fr");
    assert_int_equal(rs_language_resolve("Alemão", code), 0);
    assert_string_equal(code, "de");
    assert_int_equal(rs_language_resolve("Gikuyu", code), 0); /* an alternative in a cell */
    assert_string_equal(code, "ki");
    assert_int_equal(rs_language_resolve("EN", code), 0);
    assert_string_equal(code, "en");
    assert_int_equal(rs_language_resolve("Elvish", code), -1);
    assert_int_equal(rs_language_resolve("", code), -1);
}

/* The first error among the problems a call left (warnings come first). */
static const json_t *first_error(const json_t *problems)
{
    for (size_t i = 0; i < json_array_size(problems); i++) {
        const json_t *p = json_array_get(problems, i);
        if (strcmp(json_string_value(json_object_get(p, "severity")), "error") == 0)
            return p;
    }
    return NULL;
}

/* Through the library: a CV's warnings are the import's problems, and a
 * bad CV among good ones changes nothing. */
static void test_import_through_library(void **state)
{
    (void)state;
    rs_test_roster *t = rs_test_roster_new("test_cv");
    assert_non_null(t);
    rs_import_stats st;
    assert_int_equal(rs_roster_import_cv(t->r, "upload.xml", V3, strlen(V3), "BL-1", 0, &st),
                     RS_OK);
    assert_int_equal(st.imported, 1);
    assert_true(st.warnings >= 4);
    const json_t *problems = rs_roster_problems(t->r);
    int found = 0;
    for (size_t i = 0; i < json_array_size(problems); i++) {
        const json_t *p = json_array_get(problems, i);
        found |= strcmp(json_string_value(json_object_get(p, "severity")), "warning") == 0 &&
                 strstr(json_string_value(json_object_get(p, "problem")), "Skills/Computer");
    }
    assert_true(found);
    char *one = NULL;
    assert_int_equal(rs_roster_find_id(t->r, "BL-1", &one), RS_OK);
    free(one);
    /* A record that the CV's reader passes but the validator refuses: the
     * problem is the validator's, named in the record's terms. */
    static const char zwsp[] = V3_OPEN
        "<Identification><PersonName><FirstName>Bene\xe2\x80\x8b" "dita</FirstName></PersonName>"
        "<Demographics><NationalityList><Nationality><Code>PT</Code></Nationality>"
        "</NationalityList></Demographics></Identification>" V3_CLOSE;
    assert_int_equal(rs_roster_import_cv(t->r, "z.xml", zwsp, strlen(zwsp), "Z-1", 0, &st),
                     RS_ERR_INPUT);
    assert_int_equal(st.rejected, 1);
    assert_string_equal(json_string_value(json_object_get(
                            first_error(rs_roster_problems(t->r)), "field")),
                        "name");
    /* An id given by hand is checked before it goes into the record. */
    assert_int_equal(rs_roster_import_cv(t->r, "u.xml", V3, strlen(V3), "bad \xff id", 0, &st),
                     RS_ERR_INPUT);
    assert_int_equal(st.rejected, 1);
    const json_t *error = first_error(rs_roster_problems(t->r));
    assert_non_null(error);
    assert_string_equal(json_string_value(json_object_get(error, "field")), "id");
    assert_non_null(strstr(json_string_value(json_object_get(error, "problem")),
                           "not an expert id"));
    rs_test_roster_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v3_person),
        cmocka_unit_test(test_v3_experience_and_education),
        cmocka_unit_test(test_v3_languages),
        cmocka_unit_test(test_candidate),
        cmocka_unit_test(test_json_resume),
        cmocka_unit_test(test_json_resume_detection),
        cmocka_unit_test(test_missing_name_and_nationality),
        cmocka_unit_test(test_bad_cefr),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_damaged_xml),
        cmocka_unit_test(test_entities_refused),
        cmocka_unit_test(test_depth_bound),
        cmocka_unit_test(test_id_from_name),
        cmocka_unit_test(test_plain_text),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_language_names),
        cmocka_unit_test(test_import_through_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
