/*
 * The words CVs are written with, in English, French, Spanish and
 * Portuguese: one phrase per field of expertise and horizontal competence,
 * job titles, and sentence templates.
 *
 * Topic and competence phrases carry no article, so that every template can
 * take any of them ("en matière de sécurité sociale", "en materia de
 * inspección de trabajo", "em formação profissional"); a template never
 * puts a phrase where its language would need one.
 */
#include "corpus/gen/gen_tables.h"

#include <string.h>

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define P(en, fr, es, pt) {{en, fr, es, pt}}

const char *const rs_gen_cv_langs[RS_GEN_NLANG] = {"en", "fr", "es", "pt"};

const rs_gen_keyed_phrase rs_gen_field_phrases[] = {
    {"A", P("labour issues", "questions du travail", "asuntos laborales", "questões laborais")},
    {"A.15", P("decent work", "travail décent", "trabajo decente", "trabalho digno")},
    {"A.20", P("employment promotion", "promotion de l'emploi", "promoción del empleo",
               "promoção do emprego")},
    {"A.20.02", P("informal employment", "emploi informel", "empleo informal", "emprego informal")},
    {"A.20.10", P("youth employment", "emploi des jeunes", "empleo juvenil", "emprego jovem")},
    {"A.20.15", P("green jobs", "emplois verts", "empleos verdes", "empregos verdes")},
    {"A.25", P("employment policy", "politique de l'emploi", "política de empleo",
               "política de emprego")},
    {"A.25.02", P("active labour market programmes", "mesures actives pour l'emploi",
                  "políticas activas de empleo", "políticas ativas de emprego")},
    {"A.30", P("employment security", "sécurisation des parcours professionnels",
               "protección del empleo", "segurança no emprego")},
    {"A.35", P("public employment services", "service public de l'emploi",
               "servicios públicos de empleo", "serviços públicos de emprego")},
    {"A.45", P("labour market analysis", "analyse du marché du travail",
               "análisis del mercado laboral", "análise do mercado de trabalho")},
    {"A.50", P("labour policy", "politique du travail", "política laboral", "política laboral")},
    {"A.55", P("livelihoods", "activités génératrices de revenus", "medios de vida",
               "meios de subsistência")},
    {"A.70", P("unemployment insurance", "assurance chômage", "prestaciones por desempleo",
               "proteção no desemprego")},
    {"A.75", P("workers' rights", "droits des travailleurs", "derechos de los trabajadores",
               "direitos dos trabalhadores")},
    {"A.75.03", P("employment of persons with disabilities", "emploi des personnes handicapées",
                  "empleo de personas con discapacidad", "emprego de pessoas com deficiência")},
    {"B", P("working conditions", "conditions de travail", "condiciones de trabajo",
            "condições de trabalho")},
    {"C", P("labour relations", "relations professionnelles", "relaciones laborales",
            "relações laborais")},
    {"C.25", P("social dialogue", "dialogue social", "diálogo social", "diálogo social")},
    {"D", P("labour law", "droit du travail", "derecho laboral", "direito do trabalho")},
    {"E", P("social protection", "protection sociale", "protección social", "proteção social")},
    {"E.05", P("social assistance", "aide sociale", "asistencia social", "assistência social")},
    {"E.05.01", P("cash transfer programmes", "transferts monétaires", "transferencias monetarias",
                  "transferências monetárias")},
    {"E.10", P("social security", "sécurité sociale", "seguridad social", "segurança social")},
    {"E.10.01", P("disability benefits", "pensions d'invalidité", "prestaciones por incapacidad",
                  "prestações por invalidez")},
    {"E.10.02", P("employment injury insurance", "assurance accidents du travail",
                  "seguro de accidentes de trabajo", "seguro de acidentes de trabalho")},
    {"E.10.04", P("health insurance", "assurance maladie", "seguro de salud", "seguro de saúde")},
    {"E.10.07", P("pension schemes", "régimes de retraite", "sistemas de pensiones",
                  "regimes de pensões")},
    {"E.10.08", P("social security financing", "financement de la sécurité sociale",
                  "financiación de la seguridad social", "financiamento da segurança social")},
    {"E.10.09", P("social security legislation", "législation de sécurité sociale",
                  "legislación de seguridad social", "legislação de segurança social")},
    {"E.10.10", P("social security policy", "politique de sécurité sociale",
                  "política de seguridad social", "política de segurança social")},
    {"E.15", P("social services", "services sociaux", "servicios sociales", "serviços sociais")},
    {"E.15.01", P("access to health care", "accès aux soins", "acceso a la atención sanitaria",
                  "acesso aos cuidados de saúde")},
    {"E.15.03", P("access to basic social services", "accès aux services sociaux de base",
                  "acceso a servicios sociales básicos", "acesso a serviços sociais básicos")},
    {"F", P("access to training", "accès à la formation", "acceso a la formación",
            "acesso à formação")},
    {"F.05", P("education policy", "politique éducative", "política educativa",
               "política educativa")},
    {"F.15", P("adult training", "formation continue", "formación continua", "formação contínua")},
    {"F.15.01", P("management development", "développement des compétences managériales",
                  "desarrollo directivo", "desenvolvimento de quadros dirigentes")},
    {"F.15.03", P("training of trainers", "formation de formateurs", "formación de formadores",
                  "formação de formadores")},
    {"F.15.04", P("vocational guidance", "orientation professionnelle", "orientación profesional",
                  "orientação profissional")},
    {"F.15.05", P("vocational training", "formation professionnelle", "formación profesional",
                  "formação profissional")},
    {"F.15.10", P("recognition of occupational qualifications",
                  "certification des qualifications professionnelles",
                  "certificación de competencias laborales",
                  "certificação de qualificações profissionais")},
    {"G", P("economic and social development", "développement économique et social",
            "desarrollo económico y social", "desenvolvimento económico e social")},
    {"G.25.02", P("public-private partnerships", "partenariats public-privé",
                  "alianzas público-privadas", "parcerias público-privadas")},
    {"H", P("economic policy", "politique économique", "política económica",
            "política económica")},
    {"H.35", P("enterprise development", "développement des entreprises", "desarrollo empresarial",
               "desenvolvimento empresarial")},
    {"L", P("human rights", "droits humains", "derechos humanos", "direitos humanos")},
    {"L.35", P("children's rights", "droits de l'enfant", "derechos de la infancia",
               "direitos da criança")},
    {"L.40", P("rights of persons with disabilities", "droits des personnes handicapées",
               "derechos de las personas con discapacidad", "direitos das pessoas com deficiência")},
    {"N", P("public administration", "administration publique", "administración pública",
            "administração pública")},
    {"N.10", P("labour administration", "administration du travail", "administración del trabajo",
               "administração do trabalho")},
    {"N.10.01", P("labour inspection", "inspection du travail", "inspección de trabajo",
                  "inspeção do trabalho")},
    {"N.15", P("social security administration", "gestion des organismes de sécurité sociale",
               "gestión de la seguridad social", "gestão da segurança social")},
    {"O.30.01", P("inclusion of vulnerable groups", "inclusion des groupes vulnérables",
                  "inclusión de grupos vulnerables", "inclusão de grupos vulneráveis")},
    {"P.20.09", P("support to persons with disabilities", "accompagnement des personnes handicapées",
                  "atención a personas con discapacidad", "apoio a pessoas com deficiência")},
    {"Q", P("access to health", "accès à la santé", "acceso a la salud", "acesso à saúde")},
    {"Q.05", P("disability assessment", "évaluation du handicap", "valoración de la discapacidad",
               "avaliação da incapacidade")},
    {"Q.10", P("health policy", "politique de santé", "política sanitaria", "política de saúde")},
    {"Q.25", P("occupational safety and health", "santé et sécurité au travail",
               "seguridad y salud en el trabajo", "segurança e saúde no trabalho")},
    {"Q.30", P("vocational rehabilitation", "réadaptation professionnelle",
               "rehabilitación profesional", "reabilitação profissional")},
    {"S", P("digital public services", "services publics numériques", "servicios públicos digitales",
            "serviços públicos digitais")},
    {"S.05", P("information systems", "systèmes d'information", "sistemas de información",
               "sistemas de informação")},
    {"T", P("public management", "management public", "gestión pública", "gestão pública")},
    {"T.05", P("human resources management", "gestion des ressources humaines",
               "gestión de recursos humanos", "gestão de recursos humanos")},
    {"U", P("social statistics", "statistiques sociales", "estadísticas sociales",
            "estatísticas sociais")},
    {"U.05", P("labour statistics", "statistiques du travail", "estadísticas laborales",
               "estatísticas do trabalho")},
    {"U.10", P("social security statistics", "statistiques de la sécurité sociale",
               "estadísticas de seguridad social", "estatísticas da segurança social")},
    {"V", P("applied social research", "recherche sociale appliquée", "investigación social aplicada",
            "investigação social aplicada")},
};
const size_t rs_gen_n_field_phrases = sizeof rs_gen_field_phrases / sizeof rs_gen_field_phrases[0];

const rs_gen_keyed_phrase rs_gen_competence_phrases[] = {
    {"1", P("policy and strategy development", "élaboration de politiques et de stratégies",
            "formulación de políticas y estrategias", "formulação de políticas e estratégias")},
    {"1.1", P("governance and accountability", "gouvernance et redevabilité",
              "gobernanza y rendición de cuentas", "governação e prestação de contas")},
    {"1.2", P("policy design", "conception de politiques publiques", "diseño de políticas públicas",
              "conceção de políticas públicas")},
    {"1.3", P("policy implementation and steering", "pilotage de la mise en œuvre des politiques",
              "implementación y seguimiento de políticas",
              "implementação e acompanhamento de políticas")},
    {"2", P("legislation and regulation", "cadre législatif et réglementaire",
            "marco legislativo y normativo", "quadro legislativo e regulamentar")},
    {"2.1", P("legal drafting", "rédaction de textes juridiques", "redacción normativa",
              "redação legislativa")},
    {"2.2", P("enforcement of regulations", "application de la réglementation",
              "aplicación de la normativa", "aplicação da regulamentação")},
    {"3", P("organisational management", "management des organisations", "gestión organizativa",
            "gestão organizacional")},
    {"3.1", P("organisational design", "organisation des structures", "diseño organizativo",
              "desenho organizacional")},
    {"3.2", P("quality assurance and audit", "assurance qualité et audit",
              "control de calidad y auditoría", "garantia de qualidade e auditoria")},
    {"3.3", P("human resources development", "développement des ressources humaines",
              "desarrollo de recursos humanos", "desenvolvimento de recursos humanos")},
    {"3.4", P("change management", "conduite du changement", "gestión del cambio",
              "gestão da mudança")},
    {"3.5", P("project management", "gestion de projets", "gestión de proyectos",
              "gestão de projetos")},
    {"3.6", P("service delivery", "qualité du service aux usagers", "atención a la ciudadanía",
              "atendimento ao cidadão")},
    {"4", P("finance and budgeting", "finances et budget", "finanzas y presupuesto",
            "finanças e orçamento")},
    {"4.1", P("planning and costing", "planification et chiffrage", "planificación y costeo",
              "planeamento e orçamentação")},
    {"4.2", P("financial control and audit", "contrôle financier et audit",
              "control financiero y auditoría", "controlo financeiro e auditoria")},
    {"4.3", P("public procurement", "marchés publics", "contratación pública",
              "contratação pública")},
    {"5", P("monitoring, evaluation and statistics", "suivi, évaluation et statistiques",
            "seguimiento, evaluación y estadística", "monitorização, avaliação e estatística")},
    {"5.1", P("monitoring and evaluation", "suivi-évaluation", "seguimiento y evaluación",
              "monitorização e avaliação")},
    {"5.2", P("management information systems", "systèmes d'information de gestion",
              "sistemas de información de gestión", "sistemas de informação de gestão")},
    {"5.3", P("information and communication technology", "technologies de l'information",
              "tecnologías de la información", "tecnologias da informação")},
    {"5.4", P("statistics and data analysis", "statistique et analyse de données",
              "estadística y análisis de datos", "estatística e análise de dados")},
    {"7", P("communication and awareness raising", "communication et sensibilisation",
            "comunicación y sensibilización", "comunicação e sensibilização")},
    {"8", P("training and capacity building", "formation et renforcement des capacités",
            "formación y fortalecimiento de capacidades", "formação e reforço de capacidades")},
    {"9", P("research", "recherche", "investigación", "investigação")},
    {"9.1", P("quantitative methods", "méthodes quantitatives", "métodos cuantitativos",
              "métodos quantitativos")},
    {"9.2", P("qualitative methods", "méthodes qualitatives", "métodos cualitativos",
              "métodos qualitativos")},
    {"9.3", P("theoretical modelling", "modélisation", "modelos teóricos", "modelos teóricos")},
    {"X", P("cross-cutting skills", "compétences transversales", "competencias transversales",
            "competências transversais")},
};
const size_t rs_gen_n_competence_phrases =
    sizeof rs_gen_competence_phrases / sizeof rs_gen_competence_phrases[0];

const rs_gen_keyed_phrase rs_gen_region_phrases[] = {
    {"Latin America", P("in Latin America", "en Amérique latine", "en América Latina",
                        "na América Latina")},
    {"Africa", P("in Africa", "en Afrique", "en África", "em África")},
    {"Asia", P("in Asia", "en Asie", "en Asia", "na Ásia")},
    {"Central Asia", P("in Central Asia", "en Asie centrale", "en Asia Central", "na Ásia Central")},
    {"Middle East", P("in the Middle East", "au Moyen-Orient", "en Oriente Medio",
                      "no Médio Oriente")},
    {"Neighbourhood South", P("in the EU's southern neighbourhood",
                              "dans le voisinage méridional de l'UE",
                              "en la vecindad meridional de la UE",
                              "na vizinhança meridional da UE")},
    {"Neighbourhood East", P("in the EU's eastern neighbourhood",
                             "dans le voisinage oriental de l'UE",
                             "en la vecindad oriental de la UE", "na vizinhança oriental da UE")},
    {"Caribbean", P("in the Caribbean", "dans les Caraïbes", "en el Caribe", "nas Caraíbas")},
    {"Pacific", P("in the Pacific", "dans le Pacifique", "en el Pacífico", "no Pacífico")},
    {"Overseas Countries and Territories",
     P("in the overseas countries and territories", "dans les pays et territoires d'outre-mer",
       "en los países y territorios de ultramar", "nos países e territórios ultramarinos")},
    {"Western Balkans", P("in the Western Balkans", "dans les Balkans occidentaux",
                          "en los Balcanes Occidentales", "nos Balcãs Ocidentais")},
};
const size_t rs_gen_n_region_phrases = sizeof rs_gen_region_phrases / sizeof rs_gen_region_phrases[0];

static const rs_gen_phrase any_region =
    P("in partner countries", "dans les pays partenaires", "en los países socios",
      "nos países parceiros");

static const rs_gen_keyed_phrase language_names[] = {
    {"en", P("English", "anglais", "inglés", "inglês")},
    {"fr", P("French", "français", "francés", "francês")},
    {"es", P("Spanish", "espagnol", "español", "espanhol")},
    {"pt", P("Portuguese", "portugais", "portugués", "português")},
};

const rs_gen_phrase rs_gen_roles[RS_ROLE_COUNT] = {
    [RS_ROLE_HEAD_OF_UNIT] = P("head of unit", "chef de bureau|cheffe de bureau",
                               "jefe de servicio|jefa de servicio", "chefe de divisão"),
    [RS_ROLE_POLICY_OFFICER] = P("senior policy officer", "chargé de mission|chargée de mission",
                                 "técnico superior|técnica superior",
                                 "técnico superior|técnica superior"),
    [RS_ROLE_DEPUTY_DIRECTOR] = P("deputy director", "directeur adjoint|directrice adjointe",
                                  "subdirector general|subdirectora general",
                                  "subdiretor-geral|subdiretora-geral"),
    [RS_ROLE_DIRECTOR] = P("director", "directeur|directrice", "director|directora",
                           "diretor|diretora"),
    [RS_ROLE_LEGAL_ADVISER] = P("legal adviser", "conseiller juridique|conseillère juridique",
                                "asesor jurídico|asesora jurídica",
                                "assessor jurídico|assessora jurídica"),
    [RS_ROLE_LABOUR_INSPECTOR] = P("labour inspector", "inspecteur du travail|inspectrice du travail",
                                   "inspector de trabajo|inspectora de trabajo",
                                   "inspetor do trabalho|inspetora do trabalho"),
    [RS_ROLE_ACTUARY] = P("actuary", "actuaire", "actuario|actuaria", "atuário|atuária"),
    [RS_ROLE_STATISTICIAN] = P("statistician", "statisticien|statisticienne",
                               "estadístico|estadística", "estatístico|estatística"),
    [RS_ROLE_PROJECT_MANAGER] = P("project manager", "chef de projet|cheffe de projet",
                                  "coordinador de proyectos|coordinadora de proyectos",
                                  "gestor de projetos|gestora de projetos"),
    [RS_ROLE_TRAINING_MANAGER] = P("training manager", "responsable de formation",
                                   "responsable de formación", "responsável de formação"),
    [RS_ROLE_SENIOR_ADVISER] = P("senior adviser", "conseiller technique|conseillère technique",
                                 "consejero técnico|consejera técnica",
                                 "consultor técnico|consultora técnica"),
    [RS_ROLE_REGIONAL_DIRECTOR] = P("regional director", "directeur régional|directrice régionale",
                                    "director provincial|directora provincial",
                                    "diretor regional|diretora regional"),
    [RS_ROLE_EMPLOYMENT_COUNSELLOR] = P("employment counsellor", "conseiller emploi|conseillère emploi",
                                        "orientador laboral|orientadora laboral",
                                        "técnico de emprego|técnica de emprego"),
    [RS_ROLE_RESEARCHER] = P("researcher", "chercheur|chercheuse", "investigador|investigadora",
                             "investigador|investigadora"),
    [RS_ROLE_LECTURER] = P("lecturer", "maître de conférences", "profesor titular|profesora titular",
                           "professor auxiliar|professora auxiliar"),
    [RS_ROLE_CONSULTANT] = P("consultant", "consultant|consultante", "consultor|consultora",
                             "consultor|consultora"),
    [RS_ROLE_PROGRAMME_OFFICER] = P("programme officer",
                                    "chargé de programme|chargée de programme",
                                    "oficial de programas", "oficial de programa"),
    [RS_ROLE_IT_MANAGER] = P("head of information systems",
                             "responsable des systèmes d'information",
                             "responsable de sistemas de información",
                             "responsável de sistemas de informação"),
};

const rs_gen_templates rs_gen_templates_by_lang[RS_GEN_NLANG] = {
    [RS_GEN_EN] = {
        .serving = LIST(
            "{R}, {E}, with {Y} years of experience in {T1} and {T2}.",
            "{Y} years of experience in {T1}; currently {r} at {E}.",
            "Specialist in {T1} and {T2}, working as {r} at {E} for the past {Z} years.",
            "Practitioner of {T1} with {Y} years in the field, now {r} at {E}."),
        .retired = LIST(
            "Retired {r} of {E}, with {Y} years of public service in {T1} and {T2}.",
            "Former {r} at {E}, retired after a {Y}-year career in {T1}.",
            "Retired civil servant with {Y} years of experience in {T1}; last post: {r}, {E}."),
        .academic = LIST(
            "{R}, {E}, teaching and researching {T1} for {Y} years.",
            "Academic specialised in {T1} and {T2}; {r} at {E}."),
        .middle = LIST(
            "Main strengths: {C1}, {C2}.",
            "Has led reforms of {T2} and contributed to {C1}.",
            "Regularly trains colleagues in {T1} ({C1}).",
            "Experienced in {C1}, with a particular focus on {T3}.",
            "Has written methodological notes on {T3} for national and regional teams.",
            "Member of national and European working groups on {T2}.",
            "Combines sound knowledge of {T2} with hands-on {C1}."),
        .missions_one = LIST(
            "Has completed one short peer-to-peer assignment for the facility, {G}.",
            "Already mobilised once by the facility for peer-to-peer support {G}."),
        .missions_many = LIST(
            "Has completed {N} short peer-to-peer assignments for the facility, mostly {G}.",
            "Mobilised {N} times by the facility, mainly {G}."),
        .missions_none = LIST(
            "Interested in short peer-to-peer assignments, especially {G}.",
            "Available for short missions of peer-to-peer cooperation, in particular {G}."),
        .languages = LIST("Working languages: {L}.", "Works in {L}."),
        .experience = LIST(
            "Led the {T1} team and drafted guidance on {C1}.",
            "Coordinated the reform of {T1} together with the social partners.",
            "Responsible for {T1} and {T2}, supervising {n} staff.",
            "Advised senior management on {T1}; designed tools for {C1}.",
            "Prepared studies on {T1} and trained regional staff in {C1}.",
            "Managed projects on {T1}, from design to evaluation."),
        .and_word = "and",
    },
    [RS_GEN_FR] = {
        .serving = LIST(
            "{R} ({E}), {Y} ans d'expérience en matière de {T1} et de {T2}.",
            "{Fort|Forte} de {Y} ans d'expérience en matière de {T1} ; poste actuel : {r}, {E}.",
            "Spécialiste en {T1} et en {T2}, {r} depuis {Z} ans ({E}).",
            "{Praticien|Praticienne} de terrain en matière de {T1} depuis {Y} ans, aujourd'hui {r} ({E})."),
        .retired = LIST(
            "{Ancien|Ancienne} {r} ({E}), {retraité|retraitée} après {Y} ans de carrière en matière de {T1}.",
            "{Fonctionnaire retraité|Fonctionnaire retraitée}, {Y} ans d'expérience en matière de {T1} et de {T2} ; dernier poste : {r}, {E}."),
        .academic = LIST(
            "{R} ({E}), enseignement et recherche en matière de {T1} depuis {Y} ans.",
            "{Universitaire spécialisé|Universitaire spécialisée} en {T1} et en {T2} ; {r}, {E}."),
        .middle = LIST(
            "Points forts : {C1}, {C2}.",
            "A piloté des réformes en matière de {T2} et contribué à des travaux de {C1}.",
            "Forme régulièrement des collègues en matière de {T1} ({C1}).",
            "Expérience confirmée en {C1}, notamment en matière de {T3}.",
            "{Auteur|Autrice} de notes méthodologiques en matière de {T3} à l'intention des équipes nationales et régionales.",
            "Membre de groupes de travail nationaux et européens en matière de {T2}.",
            "Allie une solide connaissance en matière de {T2} à une pratique de {C1}."),
        .missions_one = LIST(
            "A réalisé une mission courte d'échange entre pairs pour la facilité, {G}.",
            "Déjà {mobilisé|mobilisée} une fois par la facilité pour un appui entre pairs {G}."),
        .missions_many = LIST(
            "A réalisé {N} missions courtes d'échange entre pairs pour la facilité, principalement {G}.",
            "{Mobilisé|Mobilisée} {N} fois par la facilité, surtout {G}."),
        .missions_none = LIST(
            "{Intéressé|Intéressée} par des missions courtes d'échange entre pairs, notamment {G}.",
            "Disponible pour des missions courtes de coopération entre pairs, en particulier {G}."),
        .languages = LIST("Langues de travail : {L}.", "Travaille en {L}."),
        .experience = LIST(
            "Pilotage de l'équipe en charge de {T1} et rédaction de guides de {C1}.",
            "Coordination de la réforme en matière de {T1}, en lien avec les partenaires sociaux.",
            "Responsable des dossiers de {T1} et de {T2}, encadrement d'une équipe de {n} agents.",
            "Conseil à la direction en matière de {T1} ; conception d'outils de {C1}.",
            "Réalisation d'études en matière de {T1} et formation des agents régionaux ({C1}).",
            "Gestion de projets en matière de {T1}, de la conception à l'évaluation."),
        .and_word = "et",
    },
    [RS_GEN_ES] = {
        .serving = LIST(
            "{R} ({E}), con {Y} años de experiencia en {T1} y {T2}.",
            "{Y} años de experiencia en {T1}; puesto actual: {r}, {E}.",
            "Especialista en {T1} y {T2}, {r} desde hace {Z} años ({E}).",
            "Profesional de {T1} con {Y} años de trayectoria, actualmente {r} ({E})."),
        .retired = LIST(
            "{Funcionario jubilado|Funcionaria jubilada} con {Y} años de experiencia en {T1} y {T2}; último puesto: {r}, {E}.",
            "Ex {r} ({E}), {jubilado|jubilada} tras {Y} años de carrera en {T1}."),
        .academic = LIST(
            "{R} ({E}), con {Y} años de docencia e investigación en {T1}.",
            "{Académico especializado|Académica especializada} en {T1} y {T2}; {r}, {E}."),
        .middle = LIST(
            "Puntos fuertes: {C1}, {C2}.",
            "Ha liderado reformas en materia de {T2} y ha contribuido a tareas de {C1}.",
            "Imparte formación periódica al personal en materia de {T1} ({C1}).",
            "Amplia experiencia en {C1}, especialmente en materia de {T3}.",
            "{Autor|Autora} de notas metodológicas sobre {T3} para equipos nacionales y regionales.",
            "Miembro de grupos de trabajo nacionales y europeos sobre {T2}.",
            "Combina un sólido conocimiento en materia de {T2} con experiencia práctica en {C1}."),
        .missions_one = LIST(
            "Ha realizado una misión corta de cooperación entre pares para la facilidad, {G}.",
            "Ya {movilizado|movilizada} una vez por la facilidad para un apoyo entre pares {G}."),
        .missions_many = LIST(
            "Ha realizado {N} misiones cortas de cooperación entre pares para la facilidad, sobre todo {G}.",
            "{Movilizado|Movilizada} {N} veces por la facilidad, principalmente {G}."),
        .missions_none = LIST(
            "{Interesado|Interesada} en misiones cortas de cooperación entre pares, especialmente {G}.",
            "Disponible para misiones cortas de cooperación entre pares, en particular {G}."),
        .languages = LIST("Idiomas de trabajo: {L}.", "Trabaja en {L}."),
        .experience = LIST(
            "Dirección del equipo de {T1} y elaboración de guías de {C1}.",
            "Coordinación de la reforma en materia de {T1}, en diálogo con los interlocutores sociales.",
            "Responsable de {T1} y {T2}, con un equipo de {n} personas a cargo.",
            "Asesoramiento a la dirección en materia de {T1}; diseño de herramientas de {C1}.",
            "Elaboración de estudios sobre {T1} y formación del personal territorial en {C1}.",
            "Gestión de proyectos de {T1}, desde el diseño hasta la evaluación."),
        .and_word = "y",
    },
    [RS_GEN_PT] = {
        .serving = LIST(
            "{R} ({E}), com {Y} anos de experiência em {T1} e {T2}.",
            "{Y} anos de experiência em {T1}; cargo atual: {r}, {E}.",
            "Especialista em {T1} e {T2}, {r} há {Z} anos ({E}).",
            "Profissional de {T1} com {Y} anos de percurso, atualmente {r} ({E})."),
        .retired = LIST(
            "{Funcionário público aposentado|Funcionária pública aposentada}, com {Y} anos de experiência em {T1} e {T2}; último cargo: {r}, {E}.",
            "{Antigo|Antiga} {r} ({E}), {aposentado|aposentada} após {Y} anos de carreira em {T1}."),
        .academic = LIST(
            "{R} ({E}), com {Y} anos de ensino e investigação em {T1}.",
            "{Académico especializado|Académica especializada} em {T1} e {T2}; {r}, {E}."),
        .middle = LIST(
            "Pontos fortes: {C1}, {C2}.",
            "Liderou reformas em matéria de {T2} e contribuiu para trabalhos de {C1}.",
            "Forma regularmente colegas em matéria de {T1} ({C1}).",
            "Ampla experiência em {C1}, sobretudo em matéria de {T3}.",
            "{Autor|Autora} de notas metodológicas sobre {T3} para equipas nacionais e regionais.",
            "Membro de grupos de trabalho nacionais e europeus sobre {T2}.",
            "Alia um sólido conhecimento em matéria de {T2} a uma prática de {C1}."),
        .missions_one = LIST(
            "Realizou uma missão curta de cooperação entre pares para a facilidade, {G}.",
            "Já {mobilizado|mobilizada} uma vez pela facilidade para um apoio entre pares {G}."),
        .missions_many = LIST(
            "Realizou {N} missões curtas de cooperação entre pares para a facilidade, sobretudo {G}.",
            "{Mobilizado|Mobilizada} {N} vezes pela facilidade, principalmente {G}."),
        .missions_none = LIST(
            "{Interessado|Interessada} em missões curtas de cooperação entre pares, sobretudo {G}.",
            "Disponível para missões curtas de cooperação entre pares, em particular {G}."),
        .languages = LIST("Línguas de trabalho: {L}.", "Trabalha em {L}."),
        .experience = LIST(
            "Direção da equipa de {T1} e elaboração de guias de {C1}.",
            "Coordenação da reforma em matéria de {T1}, em diálogo com os parceiros sociais.",
            "Responsável pelas áreas de {T1} e {T2}, com uma equipa de {n} pessoas.",
            "Assessoria à direção em matéria de {T1}; conceção de instrumentos de {C1}.",
            "Elaboração de estudos sobre {T1} e formação de técnicos regionais em {C1}.",
            "Gestão de projetos de {T1}, da conceção à avaliação."),
        .and_word = "e",
    },
};

/* General topics and skills, for CVs with too few codes to name three. */
const rs_gen_phrase rs_gen_fallback_topics[] = {
    P("social policy", "politiques sociales", "políticas sociales", "políticas sociais"),
    P("public sector reform", "réforme de l'État", "reforma del sector público",
      "reforma do setor público"),
    P("institutional capacity building", "renforcement institutionnel",
      "fortalecimiento institucional", "reforço institucional"),
};
const size_t rs_gen_n_fallback_topics = sizeof rs_gen_fallback_topics / sizeof rs_gen_fallback_topics[0];

const rs_gen_phrase rs_gen_fallback_skills[] = {
    P("stakeholder coordination", "coordination des acteurs", "coordinación interinstitucional",
      "coordenação interinstitucional"),
    P("report writing", "rédaction de rapports", "redacción de informes", "redação de relatórios"),
};
const size_t rs_gen_n_fallback_skills = sizeof rs_gen_fallback_skills / sizeof rs_gen_fallback_skills[0];

const rs_gen_phrase rs_gen_degrees[] = {
    P("Master's degree", "Master", "Máster", "Mestrado"),
    P("Bachelor's degree", "Licence", "Licenciatura", "Licenciatura"),
    P("PhD", "Doctorat", "Doctorado", "Doutoramento"),
    P("Postgraduate diploma", "Diplôme universitaire", "Diploma de posgrado", "Pós-graduação"),
};
const size_t rs_gen_n_degrees = sizeof rs_gen_degrees / sizeof rs_gen_degrees[0];

const rs_gen_phrase rs_gen_disciplines[] = {
    P("Law", "Droit", "Derecho", "Direito"),
    P("Economics", "Économie", "Economía", "Economia"),
    P("Sociology", "Sociologie", "Sociología", "Sociologia"),
    P("Political science", "Science politique", "Ciencias Políticas", "Ciência Política"),
    P("Public administration", "Administration publique", "Administración Pública",
      "Administração Pública"),
    P("Statistics", "Statistique", "Estadística", "Estatística"),
    P("Actuarial science", "Sciences actuarielles", "Ciencias Actuariales", "Ciências Atuariais"),
    P("Social work", "Travail social", "Trabajo Social", "Serviço Social"),
    P("Labour law", "Droit social", "Derecho del Trabajo", "Direito do Trabalho"),
    P("Human resources management", "Gestion des ressources humaines", "Recursos Humanos",
      "Gestão de Recursos Humanos"),
    P("Public health", "Santé publique", "Salud Pública", "Saúde Pública"),
    P("Computer science", "Informatique", "Informática", "Informática"),
};
const size_t rs_gen_n_disciplines = sizeof rs_gen_disciplines / sizeof rs_gen_disciplines[0];

static const rs_gen_phrase *find(const rs_gen_keyed_phrase *table, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(table[i].key, key) == 0)
            return &table[i].phrase;
    return NULL;
}

/* Look up code, then its ancestors ("E.10.01" -> "E.10" -> "E"). */
static const rs_gen_phrase *find_code(const rs_gen_keyed_phrase *table, size_t n,
                                      const char *code)
{
    char buf[16];
    size_t len = strlen(code);
    if (len >= sizeof buf)
        return NULL;
    memcpy(buf, code, len + 1);
    for (;;) {
        const rs_gen_phrase *p = find(table, n, buf);
        if (p)
            return p;
        char *dot = strrchr(buf, '.');
        if (!dot)
            return NULL;
        *dot = '\0';
    }
}

const rs_gen_phrase *rs_gen_field_phrase(const char *code)
{
    return find_code(rs_gen_field_phrases, rs_gen_n_field_phrases, code);
}

const rs_gen_phrase *rs_gen_competence_phrase(const char *code)
{
    return find_code(rs_gen_competence_phrases, rs_gen_n_competence_phrases, code);
}

const rs_gen_phrase *rs_gen_region_phrase(const char *region)
{
    const rs_gen_phrase *p =
        region ? find(rs_gen_region_phrases, rs_gen_n_region_phrases, region) : NULL;
    return p ? p : &any_region;
}

const char *rs_gen_language_name(const char *code, int cv_lang)
{
    const rs_gen_phrase *p =
        find(language_names, sizeof language_names / sizeof language_names[0], code);
    return p ? p->text[cv_lang] : NULL;
}
