/*
 * Nationalities of the sample roster: how often each appears, which
 * languages its experts speak, and the institutions they work for.
 *
 * The weights follow the facility's real roster (see corpus/README.md): 81%
 * of experts hold an EU nationality, from 26 member states, French and
 * Spanish nationals together half of the roster; partner-country experts
 * are the rest. Institutions are real public bodies of each country, named
 * as they name themselves.
 */
#include "corpus/gen/gen_tables.h"

#include <string.h>

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

const char *const rs_gen_international_orgs[] = {
    "International Labour Organization (ILO)",
    "International Social Security Association (ISSA)",
    "World Bank",
    "OECD",
    "UNICEF",
    "World Health Organization",
    "International Organization for Migration (IOM)",
    "UNDP",
    "European Commission",
    "Council of Europe",
    "Ibero-American Social Security Organisation (OISS)",
    NULL,
};

const char *const rs_gen_private_firms[] = {
    "Ecorys", "Oxford Policy Management", "Development Pathways", "Deloitte", "PwC",
    "KPMG", "Ramboll Management Consulting", "ICF", "Particip", "AETS", "GOPA Consultants",
    "Stantec", "B&S Europe", "Tetra Tech", "Alinea International", NULL,
};

#define EU(iso, w, nat, langs, pool, pub, man, uni, soc, cv, pct) \
    {iso, w, nat, langs, pool, pub, man, uni, soc, cv, pct}

const rs_gen_nation rs_gen_eu_nations[] = {
    EU("FR", 2640, "fr", "en:90,es:35,de:12,it:8,pt:6", "fr",
       LIST("Ministère du Travail, de la Santé et des Solidarités",
            "Caisse nationale d'assurance vieillesse (CNAV)",
            "Caisse nationale de l'assurance maladie (CNAM)", "France Travail",
            "Caisse nationale des allocations familiales (CNAF)", "URSSAF Caisse nationale",
            "DREETS Occitanie", "Inspection générale des affaires sociales (IGAS)",
            "Direction de la sécurité sociale", "INSEE", "Mutualité sociale agricole (MSA)",
            "Caisse des dépôts – direction des retraites et de la solidarité",
            "Agence nationale pour la formation professionnelle des adultes (AFPA)"),
       LIST("Expertise France", "CLEISS",
            "École nationale supérieure de sécurité sociale (EN3S)",
            "Institut national du travail, de l'emploi et de la formation professionnelle (INTEFP)"),
       LIST("Université Paris 1 Panthéon-Sorbonne", "Sciences Po Paris", "Université de Bordeaux",
            "Université Lumière Lyon 2", "Université Paris-Dauphine", "Université de Strasbourg",
            "Aix-Marseille Université", "Université de Lille"),
       LIST("CFDT", "CGT", "Force ouvrière", "MEDEF", "CFTC"), "fr", 45),
    EU("ES", 2340, "es", "en:88,fr:38,pt:10,it:8,ca:12@native,gl:4@native,eu:3@native", "es",
       LIST("Ministerio de Trabajo y Economía Social",
            "Ministerio de Inclusión, Seguridad Social y Migraciones",
            "Instituto Nacional de la Seguridad Social (INSS)",
            "Tesorería General de la Seguridad Social",
            "Servicio Público de Empleo Estatal (SEPE)",
            "Organismo Estatal Inspección de Trabajo y Seguridad Social",
            "Instituto Nacional de Seguridad y Salud en el Trabajo (INSST)",
            "Instituto de Mayores y Servicios Sociales (Imserso)", "Servicio Andaluz de Empleo",
            "Lanbide – Servicio Vasco de Empleo", "Instituto Nacional de Estadística (INE)",
            "Servei d'Ocupació de Catalunya"),
       LIST("FIIAPP", "Fundación Estatal para la Formación en el Empleo (Fundae)", "Asepeyo",
            "Fraternidad-Muprespa"),
       LIST("Universidad Complutense de Madrid", "Universidad de Salamanca",
            "Universitat de Barcelona", "Universidad de Sevilla", "Universidad Carlos III de Madrid",
            "Universitat de València", "Universidad de Granada", "Universidad de Deusto"),
       LIST("CCOO", "UGT", "CEOE", "CEPYME"), "es", 50),
    EU("BE", 300, "fr", "en:90,nl:55,es:20,de:12", "be_fr",
       LIST("SPF Emploi, Travail et Concertation sociale", "SPF Sécurité sociale",
            "Office national de sécurité sociale (ONSS)", "Office national de l'emploi (ONEM)",
            "Le Forem", "Actiris", "INAMI", "Service fédéral des Pensions"),
       LIST("Enabel", "Belincosoc"),
       LIST("Université catholique de Louvain", "Université libre de Bruxelles",
            "Université de Liège"),
       LIST("FGTB", "CSC", "FEB"), "fr", 45),
    EU("BE", 200, "nl", "en:95,fr:85,de:30,es:12", "be_nl",
       LIST("FOD Werkgelegenheid, Arbeid en Sociaal Overleg", "FOD Sociale Zekerheid",
            "Rijksdienst voor Sociale Zekerheid (RSZ)", "VDAB", "RIZIV",
            "Federale Pensioendienst"),
       LIST("Enabel", "Belincosoc"),
       LIST("KU Leuven", "Universiteit Gent", "Vrije Universiteit Brussel",
            "Universiteit Antwerpen"),
       LIST("ACV", "ABVV", "VBO"), NULL, 0),
    EU("IT", 470, "it", "en:88,fr:40,es:35,pt:5", "it",
       LIST("Istituto Nazionale della Previdenza Sociale (INPS)", "INAIL",
            "Ministero del Lavoro e delle Politiche Sociali", "Ispettorato Nazionale del Lavoro",
            "ANPAL", "ISTAT", "Regione Lombardia – Direzione Generale Formazione e Lavoro"),
       LIST("Sviluppo Lavoro Italia", "INAPP"),
       LIST("Sapienza Università di Roma", "Università di Bologna", "Università Bocconi",
            "Università degli Studi di Milano", "Università di Torino"),
       LIST("CGIL", "CISL", "UIL", "Confindustria"), NULL, 0),
    EU("PT", 410, "pt", "en:92,fr:45,es:50", "pt",
       LIST("Instituto da Segurança Social, I.P.",
            "Instituto do Emprego e Formação Profissional (IEFP)",
            "Autoridade para as Condições do Trabalho (ACT)",
            "Ministério do Trabalho, Solidariedade e Segurança Social",
            "Caixa Geral de Aposentações", "Instituto de Informática, I.P.",
            "Direção-Geral da Segurança Social", "Instituto Nacional de Estatística"),
       LIST("Camões – Instituto da Cooperação e da Língua", "Santa Casa da Misericórdia de Lisboa"),
       LIST("Universidade de Lisboa", "Universidade de Coimbra", "Universidade do Porto",
            "ISCTE – Instituto Universitário de Lisboa", "Universidade Nova de Lisboa"),
       LIST("CGTP-IN", "UGT Portugal", "CIP – Confederação Empresarial de Portugal"), "pt", 55),
    EU("DE", 260, "de", "en:95,fr:30,es:20", "de",
       LIST("Bundesministerium für Arbeit und Soziales", "Deutsche Rentenversicherung Bund",
            "Bundesagentur für Arbeit", "Statistisches Bundesamt",
            "Landesamt für Arbeitsschutz, Verbraucherschutz und Gesundheit Brandenburg"),
       LIST("GIZ", "Deutsche Gesetzliche Unfallversicherung (DGUV)", "BG BAU"),
       LIST("Humboldt-Universität zu Berlin", "Universität zu Köln",
            "Ludwig-Maximilians-Universität München", "Hochschule der Bundesagentur für Arbeit",
            "Hochschule Bonn-Rhein-Sieg"),
       LIST("DGB", "ver.di", "IG Metall", "BDA"), NULL, 0),
    EU("NL", 190, "nl", "en:97,de:60,fr:30,es:15", "nl",
       LIST("Ministerie van Sociale Zaken en Werkgelegenheid", "UWV",
            "Sociale Verzekeringsbank (SVB)", "Nederlandse Arbeidsinspectie",
            "Centraal Bureau voor de Statistiek", "Gemeente Rotterdam – Werk en Inkomen"),
       LIST("RVO – Netherlands Enterprise Agency"),
       LIST("Universiteit van Amsterdam", "Universiteit Utrecht", "Erasmus Universiteit Rotterdam",
            "Maastricht University", "Tilburg University"),
       LIST("FNV", "CNV", "VNO-NCW"), NULL, 0),
    EU("RO", 180, "ro", "en:88,fr:45,it:15,es:12", "ro",
       LIST("Ministerul Muncii și Solidarității Sociale", "Casa Națională de Pensii Publice",
            "Agenția Națională pentru Ocuparea Forței de Muncă", "Inspecția Muncii",
            "Institutul Național de Statistică", "Casa Națională de Asigurări de Sănătate"),
       LIST("Institutul Național de Cercetare Științifică în Domeniul Muncii și Protecției Sociale"),
       LIST("Universitatea din București", "Academia de Studii Economice din București",
            "Universitatea Babeș-Bolyai"),
       LIST("CNSLR-Frăția", "BNS"), NULL, 0),
    EU("PL", 140, "pl", "en:90,de:20,fr:12,es:8,ru:15", "pl",
       LIST("Ministerstwo Rodziny, Pracy i Polityki Społecznej",
            "Zakład Ubezpieczeń Społecznych (ZUS)", "Państwowa Inspekcja Pracy",
            "Wojewódzki Urząd Pracy w Krakowie", "Główny Urząd Statystyczny",
            "Kasa Rolniczego Ubezpieczenia Społecznego (KRUS)"),
       LIST("Centralny Instytut Ochrony Pracy"),
       LIST("Uniwersytet Warszawski", "Uniwersytet Jagielloński",
            "Szkoła Główna Handlowa w Warszawie"),
       LIST("NSZZ Solidarność", "OPZZ", "Pracodawcy RP"), NULL, 0),
    EU("GR", 120, "el", "en:95,fr:25,de:15", "gr",
       LIST("Ministry of Labour and Social Security (Greece)", "e-EFKA – Unified Social Security Fund",
            "DYPA – Public Employment Service", "Hellenic Labour Inspectorate",
            "Hellenic Statistical Authority (ELSTAT)"),
       LIST("National Centre for Social Research (EKKE)"),
       LIST("National and Kapodistrian University of Athens", "Aristotle University of Thessaloniki",
            "Panteion University"),
       LIST("GSEE", "ADEDY"), NULL, 0),
    EU("AT", 70, "de", "en:95,fr:25,it:15", "de",
       LIST("Bundesministerium für Arbeit und Wirtschaft", "Arbeitsmarktservice (AMS)",
            "Pensionsversicherungsanstalt", "Allgemeine Unfallversicherungsanstalt (AUVA)",
            "Dachverband der Sozialversicherungsträger"),
       LIST("Austrian Development Agency"),
       LIST("Universität Wien", "Wirtschaftsuniversität Wien", "Johannes Kepler Universität Linz"),
       LIST("ÖGB", "Arbeiterkammer Wien", "Wirtschaftskammer Österreich"), NULL, 0),
    EU("IE", 70, "en", "fr:30,es:15,ga:20", "ie",
       LIST("Department of Social Protection", "Department of Enterprise, Trade and Employment",
            "Intreo", "Workplace Relations Commission", "Health and Safety Authority",
            "Central Statistics Office"),
       LIST("Irish Aid"),
       LIST("Trinity College Dublin", "University College Dublin", "University of Galway"),
       LIST("ICTU", "Ibec", "SIPTU"), NULL, 0),
    EU("SE", 55, "sv", "en:97,de:20,fr:20,es:15", "se",
       LIST("Försäkringskassan", "Arbetsförmedlingen", "Pensionsmyndigheten", "Arbetsmiljöverket",
            "Statistiska centralbyrån", "Arbetsmarknadsdepartementet"),
       LIST("Sida"),
       LIST("Stockholms universitet", "Uppsala universitet", "Lunds universitet"),
       LIST("LO", "TCO", "Svenskt Näringsliv"), NULL, 0),
    EU("FI", 45, "fi", "en:97,sv:60,de:15,fr:15", "fi",
       LIST("Kela – Social Insurance Institution of Finland", "Ministry of Social Affairs and Health",
            "Finnish Centre for Pensions", "TE Services", "Statistics Finland"),
       LIST("Finnish Institute of Occupational Health"),
       LIST("University of Helsinki", "Tampere University", "University of Turku"),
       LIST("SAK", "EK"), NULL, 0),
    EU("DK", 35, "da", "en:97,de:35,fr:15", "dk",
       LIST("Udbetaling Danmark", "Styrelsen for Arbejdsmarked og Rekruttering (STAR)",
            "Beskæftigelsesministeriet", "Arbejdstilsynet", "Danmarks Statistik", "ATP"),
       LIST("Danish Institute for Human Rights"),
       LIST("Københavns Universitet", "Aarhus Universitet", "Aalborg Universitet"),
       LIST("Fagbevægelsens Hovedorganisation", "Dansk Arbejdsgiverforening"), NULL, 0),
    EU("CZ", 45, "cs", "en:88,de:30,fr:10,sk:40", "cz",
       LIST("Ministerstvo práce a sociálních věcí", "Česká správa sociálního zabezpečení",
            "Úřad práce České republiky", "Státní úřad inspekce práce", "Český statistický úřad"),
       LIST("Výzkumný ústav bezpečnosti práce"),
       LIST("Univerzita Karlova", "Masarykova univerzita", "Vysoká škola ekonomická v Praze"),
       LIST("ČMKOS", "Svaz průmyslu a dopravy ČR"), NULL, 0),
    EU("SK", 35, "sk", "en:88,cs:70,de:25,hu:10", "sk",
       LIST("Ministerstvo práce, sociálnych vecí a rodiny SR", "Sociálna poisťovňa",
            "Ústredie práce, sociálnych vecí a rodiny", "Národný inšpektorát práce",
            "Štatistický úrad SR"),
       LIST("Inštitút zamestnanosti"),
       LIST("Univerzita Komenského v Bratislave", "Ekonomická univerzita v Bratislave"),
       LIST("KOZ SR", "Republiková únia zamestnávateľov"), NULL, 0),
    EU("HU", 35, "hu", "en:85,de:30,fr:10", "hu",
       LIST("Nemzeti Egészségbiztosítási Alapkezelő (NEAK)", "Központi Statisztikai Hivatal",
            "Magyar Államkincstár – Nyugdíjfolyósító Igazgatóság", "Nemzeti Foglalkoztatási Szolgálat"),
       LIST("Nemzeti Szakképzési és Felnőttképzési Hivatal"),
       LIST("Eötvös Loránd Tudományegyetem", "Budapesti Corvinus Egyetem"),
       LIST("MASZSZ", "MGYOSZ"), NULL, 0),
    EU("BG", 45, "bg", "en:85,ru:40,fr:15,de:10", "bg",
       LIST("Ministry of Labour and Social Policy (Bulgaria)", "National Social Security Institute (NOI)",
            "Employment Agency (Bulgaria)", "General Labour Inspectorate Executive Agency",
            "National Statistical Institute (Bulgaria)"),
       LIST("Human Resource Development Centre"),
       LIST("Sofia University St. Kliment Ohridski", "University of National and World Economy"),
       LIST("CITUB", "Podkrepa"), NULL, 0),
    EU("HR", 35, "hr", "en:90,de:30,it:20", "hr",
       LIST("Ministarstvo rada, mirovinskoga sustava, obitelji i socijalne politike",
            "Hrvatski zavod za mirovinsko osiguranje", "Hrvatski zavod za zapošljavanje",
            "Državni inspektorat", "Državni zavod za statistiku"),
       LIST("Hrvatski zavod za zdravstveno osiguranje"),
       LIST("Sveučilište u Zagrebu", "Sveučilište u Splitu"),
       LIST("SSSH", "HUP"), NULL, 0),
    EU("SI", 35, "sl", "en:92,hr:40,de:30,it:20", "si",
       LIST("Ministrstvo za delo, družino, socialne zadeve in enake možnosti",
            "Zavod za pokojninsko in invalidsko zavarovanje Slovenije",
            "Zavod Republike Slovenije za zaposlovanje", "Inšpektorat RS za delo",
            "Statistični urad RS"),
       LIST("Inštitut RS za socialno varstvo"),
       LIST("Univerza v Ljubljani", "Univerza v Mariboru"),
       LIST("ZSSS", "GZS"), NULL, 0),
    EU("LT", 45, "lt", "en:88,ru:55,pl:10", "lt",
       LIST("Socialinės apsaugos ir darbo ministerija", "Sodra", "Užimtumo tarnyba",
            "Valstybinė darbo inspekcija", "Valstybės duomenų agentūra"),
       LIST("Centrinė projektų valdymo agentūra"),
       LIST("Vilniaus universitetas", "Kauno technologijos universitetas"),
       LIST("LPSK", "Lietuvos pramonininkų konfederacija"), NULL, 0),
    EU("LV", 35, "lv", "en:90,ru:60", "lv",
       LIST("Labklājības ministrija", "Valsts sociālās apdrošināšanas aģentūra",
            "Nodarbinātības valsts aģentūra", "Valsts darba inspekcija",
            "Centrālā statistikas pārvalde"),
       LIST("Sabiedrības integrācijas fonds"),
       LIST("Latvijas Universitāte", "Rīgas Stradiņa universitāte"),
       LIST("LBAS", "LDDK"), NULL, 0),
    EU("EE", 35, "et", "en:92,ru:45,fi:30", "ee",
       LIST("Sotsiaalministeerium", "Sotsiaalkindlustusamet", "Eesti Töötukassa", "Tööinspektsioon",
            "Statistikaamet"),
       LIST("Tervise Arengu Instituut"),
       LIST("Tartu Ülikool", "Tallinna Ülikool"),
       LIST("EAKL", "Eesti Tööandjate Keskliit"), NULL, 0),
    EU("LU", 35, "lb", "fr:100@C2,de:100@C2,en:90,pt:10", "lu",
       LIST("Ministère du Travail", "Caisse nationale d'assurance pension",
            "Agence pour le développement de l'emploi (ADEM)", "Inspection du travail et des mines",
            "Caisse nationale de santé", "STATEC"),
       LIST("LuxDev"),
       LIST("Université du Luxembourg"),
       LIST("OGBL", "LCGB"), NULL, 0),
    EU("MT", 35, "mt", "en:100@C2,it:45", "mt",
       LIST("Ministry for Social Policy and Children's Rights", "Department of Social Security",
            "Jobsplus", "Occupational Health and Safety Authority", "National Statistics Office"),
       LIST("Malta Council for Economic and Social Development"),
       LIST("University of Malta"),
       LIST("General Workers' Union", "UHM Voice of the Workers"), NULL, 0),
};
const size_t rs_gen_n_eu_nations = sizeof rs_gen_eu_nations / sizeof rs_gen_eu_nations[0];

#define PARTNER(iso, nat, langs, pub, uni, cv, pct) \
    {iso, 0, nat, langs, NULL, pub, NULL, uni, NULL, cv, pct}

/* Partner countries the facility works with most, with their own bodies. */
static const rs_gen_nation partner_nations[] = {
    PARTNER("SN", "fr", "en:55,es:10,wo:60@native",
            LIST("Ministère du Travail, du Dialogue social et des Relations avec les Institutions",
                 "Caisse de sécurité sociale du Sénégal",
                 "Institution de prévoyance retraite du Sénégal (IPRES)",
                 "Agence nationale pour la promotion de l'emploi des jeunes (ANPEJ)",
                 "Agence nationale de la statistique et de la démographie (ANSD)"),
            LIST("Université Cheikh Anta Diop de Dakar", "Université Gaston Berger de Saint-Louis"),
            "fr", 50),
    PARTNER("MA", "ar", "fr:100@C2,en:60,es:25",
            LIST("Caisse nationale de sécurité sociale (CNSS)",
                 "Agence nationale de promotion de l'emploi et des compétences (ANAPEC)",
                 "Ministère de l'Inclusion économique, de la Petite entreprise, de l'Emploi et des Compétences",
                 "Caisse marocaine des retraites", "Haut-Commissariat au Plan"),
            LIST("Université Mohammed V de Rabat", "Université Hassan II de Casablanca"), "fr", 50),
    PARTNER("TN", "ar", "fr:100@C2,en:60,it:15",
            LIST("Caisse nationale de sécurité sociale (CNSS)",
                 "Caisse nationale d'assurance maladie (CNAM)",
                 "Agence nationale pour l'emploi et le travail indépendant (ANETI)",
                 "Ministère des Affaires sociales", "Institut national de la statistique"),
            LIST("Université de Tunis El Manar", "Université de Carthage"), "fr", 50),
    PARTNER("DZ", "ar", "fr:100@C2,en:45",
            LIST("Caisse nationale des assurances sociales (CNAS)",
                 "Agence nationale de l'emploi (ANEM)", "Caisse nationale des retraites",
                 "Ministère du Travail, de l'Emploi et de la Sécurité sociale"),
            LIST("Université d'Alger 1"), "fr", 50),
    PARTNER("CI", "fr", "en:50,es:8",
            LIST("Caisse nationale de prévoyance sociale (CNPS)", "Agence Emploi Jeunes",
                 "Ministère de l'Emploi et de la Protection sociale",
                 "Caisse générale de retraite des agents de l'État (IPS-CGRAE)"),
            LIST("Université Félix Houphouët-Boigny"), "fr", 50),
    PARTNER("CM", "fr", "en:80",
            LIST("Caisse nationale de prévoyance sociale (CNPS)", "Fonds national de l'emploi (FNE)",
                 "Ministère du Travail et de la Sécurité sociale (MINTSS)",
                 "Institut national de la statistique"),
            LIST("Université de Yaoundé II"), "fr", 50),
    PARTNER("TG", "fr", "en:50",
            LIST("Caisse nationale de sécurité sociale du Togo", "Institut national d'assurance maladie (INAM)",
                 "Agence nationale pour l'emploi (ANPE)",
                 "Ministère de la Fonction publique, du Travail et du Dialogue social"),
            LIST("Université de Lomé"), "fr", 50),
    PARTNER("BJ", "fr", "en:50",
            LIST("Caisse nationale de sécurité sociale", "Agence nationale pour l'emploi (ANPE)",
                 "Ministère du Travail et de la Fonction publique",
                 "Institut national de la statistique et de la démographie"),
            LIST("Université d'Abomey-Calavi"), "fr", 50),
    PARTNER("HT", "fr", "ht:100@native,en:55,es:25",
            LIST("Ministère des Affaires sociales et du Travail (MAST)",
                 "Office national d'assurance-vieillesse (ONA)",
                 "Office d'assurance accidents du travail, maladie et maternité (OFATMA)",
                 "Institut haïtien de statistique et d'informatique"),
            LIST("Université d'État d'Haïti"), "fr", 55),
    PARTNER("LB", "ar", "fr:90@C2,en:85",
            LIST("Caisse nationale de sécurité sociale", "Ministère des Affaires sociales",
                 "Office national de l'emploi"),
            LIST("Université Saint-Joseph de Beyrouth"), "fr", 40),
    PARTNER("CO", "es", "en:65,fr:15,pt:8",
            LIST("Ministerio del Trabajo", "Unidad del Servicio Público de Empleo", "Colpensiones",
                 "Departamento Administrativo Nacional de Estadística (DANE)",
                 "Servicio Nacional de Aprendizaje (SENA)"),
            LIST("Universidad Nacional de Colombia", "Universidad de los Andes",
                 "Universidad Externado de Colombia"),
            "es", 60),
    PARTNER("PE", "es", "en:65,fr:12,pt:8",
            LIST("Ministerio de Trabajo y Promoción del Empleo", "Seguro Social de Salud (EsSalud)",
                 "Oficina de Normalización Previsional (ONP)",
                 "Superintendencia Nacional de Fiscalización Laboral (SUNAFIL)",
                 "Instituto Nacional de Estadística e Informática (INEI)"),
            LIST("Pontificia Universidad Católica del Perú", "Universidad Nacional Mayor de San Marcos"),
            "es", 60),
    PARTNER("AR", "es", "en:70,it:15,fr:12,pt:12",
            LIST("Administración Nacional de la Seguridad Social (ANSES)",
                 "Secretaría de Trabajo, Empleo y Seguridad Social",
                 "Superintendencia de Riesgos del Trabajo",
                 "Instituto Nacional de Estadística y Censos (INDEC)"),
            LIST("Universidad de Buenos Aires", "Universidad Nacional de Córdoba"), "es", 60),
    PARTNER("MX", "es", "en:70,fr:10",
            LIST("Instituto Mexicano del Seguro Social (IMSS)",
                 "Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado (ISSSTE)",
                 "Secretaría del Trabajo y Previsión Social", "Servicio Nacional de Empleo",
                 "Instituto Nacional de Estadística y Geografía (INEGI)"),
            LIST("Universidad Nacional Autónoma de México", "El Colegio de México"), "es", 60),
    PARTNER("CL", "es", "en:70,fr:10,pt:8",
            LIST("Instituto de Previsión Social", "Superintendencia de Pensiones",
                 "Servicio Nacional de Capacitación y Empleo (SENCE)", "Dirección del Trabajo",
                 "Ministerio de Desarrollo Social y Familia"),
            LIST("Universidad de Chile", "Pontificia Universidad Católica de Chile"), "es", 60),
    PARTNER("CR", "es", "en:70,fr:10",
            LIST("Caja Costarricense de Seguro Social", "Ministerio de Trabajo y Seguridad Social",
                 "Instituto Nacional de Aprendizaje"),
            LIST("Universidad de Costa Rica"), "es", 60),
    PARTNER("EC", "es", "en:60,fr:8",
            LIST("Instituto Ecuatoriano de Seguridad Social (IESS)", "Ministerio del Trabajo",
                 "Instituto Nacional de Estadística y Censos (INEC)"),
            LIST("Universidad Central del Ecuador", "FLACSO Ecuador"), "es", 60),
    PARTNER("BR", "pt", "en:65,es:40,fr:12",
            LIST("Instituto Nacional do Seguro Social (INSS)", "Ministério do Trabalho e Emprego",
                 "Secretaria de Inspeção do Trabalho",
                 "Instituto Brasileiro de Geografia e Estatística (IBGE)",
                 "Serviço Nacional de Aprendizagem Industrial (SENAI)"),
            LIST("Universidade de São Paulo", "Universidade Federal do Rio de Janeiro",
                 "Universidade de Brasília"),
            "pt", 55),
    PARTNER("CV", "pt", "en:55,fr:40,es:20",
            LIST("Instituto Nacional de Previdência Social (INPS)",
                 "Instituto do Emprego e Formação Profissional (IEFP)", "Direção-Geral do Trabalho",
                 "Observatório do Mercado de Trabalho"),
            LIST("Universidade de Cabo Verde"), "pt", 55),
    PARTNER("MZ", "pt", "en:60,es:10",
            LIST("Instituto Nacional de Segurança Social (INSS)",
                 "Instituto Nacional de Acção Social (INAS)",
                 "Ministério do Trabalho e Segurança Social", "Instituto Nacional de Emprego (INEP)"),
            LIST("Universidade Eduardo Mondlane"), "pt", 55),
    PARTNER("AO", "pt", "en:50,fr:20",
            LIST("Instituto Nacional de Segurança Social (INSS)",
                 "Ministério da Administração Pública, Trabalho e Segurança Social",
                 "Instituto Nacional de Emprego e Formação Profissional (INEFOP)"),
            LIST("Universidade Agostinho Neto"), "pt", 55),
    PARTNER("KE", "sw", "en:100@C2,fr:10",
            LIST("National Social Security Fund (Kenya)", "Ministry of Labour and Social Protection",
                 "National Employment Authority", "Kenya National Bureau of Statistics",
                 "Social Health Authority"),
            LIST("University of Nairobi"), NULL, 0),
    PARTNER("GH", "en", "fr:20",
            LIST("Social Security and National Insurance Trust (SSNIT)",
                 "Ministry of Employment and Labour Relations", "Labour Department (Ghana)",
                 "Ghana Statistical Service", "National Health Insurance Authority"),
            LIST("University of Ghana"), NULL, 0),
    PARTNER("NG", "en", "fr:15",
            LIST("Nigeria Social Insurance Trust Fund (NSITF)", "National Pension Commission",
                 "Federal Ministry of Labour and Employment", "National Bureau of Statistics",
                 "National Social Safety Nets Coordinating Office"),
            LIST("University of Lagos", "University of Ibadan"), NULL, 0),
    PARTNER("RS", "sr", "en:85,de:20,fr:10",
            LIST("Republički fond za penzijsko i invalidsko osiguranje",
                 "Nacionalna služba za zapošljavanje",
                 "Ministarstvo za rad, zapošljavanje, boračka i socijalna pitanja",
                 "Inspektorat za rad", "Republički zavod za statistiku"),
            LIST("Univerzitet u Beogradu"), NULL, 0),
    PARTNER("MK", "mk", "en:85,sr:50,de:15",
            LIST("Employment Service Agency of North Macedonia",
                 "Pension and Disability Insurance Fund of North Macedonia",
                 "Ministry of Social Policy, Demography and Youth", "State Labour Inspectorate"),
            LIST("Ss. Cyril and Methodius University in Skopje"), NULL, 0),
    PARTNER("UA", "uk", "en:80,ru:70,pl:10,de:10",
            LIST("Pension Fund of Ukraine", "State Employment Service of Ukraine",
                 "Ministry of Social Policy of Ukraine", "State Labour Service of Ukraine",
                 "State Statistics Service of Ukraine"),
            LIST("Taras Shevchenko National University of Kyiv"), NULL, 0),
    PARTNER("GE", "ka", "en:85,ru:60,de:10",
            LIST("Social Service Agency (Georgia)",
                 "Ministry of Internally Displaced Persons from the Occupied Territories, Labour, Health and Social Affairs",
                 "Labour Inspection Office (Georgia)", "National Statistics Office of Georgia"),
            LIST("Tbilisi State University"), NULL, 0),
    PARTNER("AM", "hy", "en:80,ru:75,fr:10",
            LIST("Ministry of Labour and Social Affairs of Armenia", "Unified Social Service (Armenia)",
                 "Health and Labour Inspection Body", "Statistical Committee of Armenia"),
            LIST("Yerevan State University"), NULL, 0),
    PARTNER("MD", "ro", "ru:85,en:75,fr:20",
            LIST("Casa Națională de Asigurări Sociale", "Agenția Națională pentru Ocuparea Forței de Muncă",
                 "Ministerul Muncii și Protecției Sociale", "Inspectoratul de Stat al Muncii"),
            LIST("Universitatea de Stat din Moldova"), NULL, 0),
    PARTNER("PH", "tl", "en:100@C2,es:5",
            LIST("Social Security System (Philippines)", "Department of Labor and Employment",
                 "Philippine Statistics Authority", "PhilHealth",
                 "Technical Education and Skills Development Authority (TESDA)"),
            LIST("University of the Philippines"), NULL, 0),
    PARTNER("VN", "vi", "en:80,fr:10",
            LIST("Vietnam Social Security", "Ministry of Labour, Invalids and Social Affairs",
                 "Institute of Labour Science and Social Affairs (ILSSA)", "General Statistics Office of Vietnam"),
            LIST("Vietnam National University, Hanoi"), NULL, 0),
    PARTNER("KH", "km", "en:80,fr:20",
            LIST("National Social Security Fund (Cambodia)", "Ministry of Labour and Vocational Training",
                 "National Social Protection Council",
                 "Ministry of Social Affairs, Veterans and Youth Rehabilitation"),
            LIST("Royal University of Phnom Penh"), NULL, 0),
    PARTNER("JO", "ar", "en:90,fr:10",
            LIST("Social Security Corporation (Jordan)", "Ministry of Labour (Jordan)",
                 "Ministry of Social Development (Jordan)", "Department of Statistics (Jordan)"),
            LIST("University of Jordan"), NULL, 0),
};

#define GENERIC(langs, pub, uni, soc, cv, pct) \
    {"", 0, NULL, langs, NULL, pub, NULL, uni, soc, cv, pct}

/* For partner countries without an entry above, by working language; their
 * social partners and universities also stand in for the entries above. */
static const rs_gen_nation generic_nations[] = {
    GENERIC("en:55,es:10,pt:3",
            LIST("Ministère du Travail et de la Protection sociale",
                 "Caisse nationale de sécurité sociale", "Agence nationale pour l'emploi",
                 "Direction générale du travail", "Institut national de la statistique",
                 "Caisse nationale d'assurance maladie"),
            LIST("Université nationale", "École nationale d'administration"),
            LIST("Confédération nationale des travailleurs", "Conseil national du patronat"),
            "fr", 50),
    GENERIC("en:65,fr:15,pt:10",
            LIST("Ministerio de Trabajo y Seguridad Social", "Instituto Nacional de Seguridad Social",
                 "Servicio Nacional de Empleo", "Dirección General de Inspección del Trabajo",
                 "Instituto Nacional de Estadística", "Ministerio de Desarrollo Social"),
            LIST("Universidad Nacional", "Universidad Católica"),
            LIST("Central Unitaria de Trabajadores", "Confederación de Empresarios Privados"),
            "es", 60),
    GENERIC("en:60,fr:25,es:20",
            LIST("Ministério do Trabalho e da Solidariedade Social",
                 "Instituto Nacional de Previdência Social", "Instituto do Emprego e Formação Profissional",
                 "Inspeção-Geral do Trabalho", "Instituto Nacional de Estatística"),
            LIST("Universidade Nacional"),
            LIST("Central Sindical dos Trabalhadores", "Câmara de Comércio e Indústria"),
            "pt", 55),
    GENERIC("en:85,fr:15,es:8",
            LIST("Ministry of Labour and Social Protection", "National Social Security Fund",
                 "National Employment Service", "Department of Labour Inspection",
                 "National Statistics Office", "National Health Insurance Authority",
                 "Workers' Compensation Fund"),
            LIST("National University", "Institute of Public Administration"),
            LIST("Trade Union Congress", "Employers' Federation"), NULL, 0),
};

const rs_gen_nation *rs_gen_partner_nation(const char *iso2)
{
    for (size_t i = 0; i < sizeof partner_nations / sizeof partner_nations[0]; i++)
        if (strcmp(partner_nations[i].iso2, iso2) == 0)
            return &partner_nations[i];
    return NULL;
}

const rs_gen_nation *rs_gen_generic_nation(const char *lingua)
{
    if (lingua && strcmp(lingua, "fr") == 0)
        return &generic_nations[0];
    if (lingua && strcmp(lingua, "es") == 0)
        return &generic_nations[1];
    if (lingua && strcmp(lingua, "pt") == 0)
        return &generic_nations[2];
    return &generic_nations[3];
}

static const struct {
    const char *region;
    int weight;
} region_weights[] = {
    {"Latin America", 30}, {"Africa", 12}, {"Neighbourhood South", 18},
    {"Neighbourhood East", 12}, {"Western Balkans", 20}, {"Asia", 6}, {"Central Asia", 5},
    {"Caribbean", 4}, {"Middle East", 4}, {"Pacific", 1},
    /* Overseas countries and territories: their nationals are EU citizens. */
    {"Overseas Countries and Territories", 0},
};

/* Countries with many partner institutions and experts in triangular teams. */
static const char *const frequent_partners[] = {
    "MX", "AR", "CO", "PE", "CL", "BR", "EC", "CR", "UY", "BO", "SN", "MA", "TN", "DZ", "CI",
    "CM", "CV", "KE", "GH", "NG", "RS", "UA", "PH", "VN", NULL,
};

int rs_gen_partner_weight(const char *iso2, const char *region)
{
    int w = 2; /* a region not listed: rare but possible */
    for (size_t i = 0; i < sizeof region_weights / sizeof region_weights[0]; i++)
        if (region && strcmp(region_weights[i].region, region) == 0)
            w = region_weights[i].weight;
    for (size_t i = 0; frequent_partners[i]; i++)
        if (strcmp(frequent_partners[i], iso2) == 0)
            return w * 3;
    return w;
}

static const struct {
    const char *iso2;
    const char *const *links;
} dual_links[] = {
    {"FR", LIST("MA", "DZ", "TN", "SN", "CI", "CM", "HT", "LB", "BE", "IT", "ES", "PT", "DE")},
    {"ES", LIST("AR", "CO", "PE", "MX", "VE", "EC", "CU", "MA", "FR", "IT", "PT")},
    {"PT", LIST("BR", "CV", "AO", "MZ", "ST", "GW", "FR", "ES")},
    {"IT", LIST("AR", "BR", "UY", "VE", "FR", "ES", "DE")},
    {"BE", LIST("FR", "NL", "IT", "MA", "CD", "RW")},
    {"DE", LIST("TR", "PL", "IT", "AT", "FR")},
    {"NL", LIST("SR", "MA", "BE", "DE")},
    {"RO", LIST("MD", "FR", "IT")},
    {"MA", LIST("FR", "ES", "BE", "NL", "IT")},
    {"DZ", LIST("FR")}, {"TN", LIST("FR", "IT")}, {"SN", LIST("FR")}, {"CI", LIST("FR")},
    {"CM", LIST("FR")}, {"HT", LIST("FR")}, {"LB", LIST("FR")},
    {"AR", LIST("ES", "IT")}, {"CO", LIST("ES")}, {"PE", LIST("ES", "IT")},
    {"MX", LIST("ES")}, {"VE", LIST("ES", "IT", "PT")}, {"EC", LIST("ES")},
    {"UY", LIST("ES", "IT")}, {"CL", LIST("ES", "FR")},
    {"BR", LIST("PT", "IT")}, {"CV", LIST("PT")}, {"AO", LIST("PT")}, {"MZ", LIST("PT")},
    {"ST", LIST("PT")}, {"GW", LIST("PT")}, {"SR", LIST("NL")}, {"MD", LIST("RO")},
};

const char *const *rs_gen_dual_links(const char *iso2)
{
    for (size_t i = 0; i < sizeof dual_links / sizeof dual_links[0]; i++)
        if (strcmp(dual_links[i].iso2, iso2) == 0)
            return dual_links[i].links;
    return NULL;
}

size_t rs_gen_list_len(const char *const *list)
{
    size_t n = 0;
    while (list && list[n])
        n++;
    return n;
}

int rs_gen_code_in(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        if (strncmp(p, code, n) == 0 && (p[n] == ',' || p[n] == '\0'))
            return 1;
        p = strchr(p, ',');
        p = p ? p + 1 : NULL;
    }
    return 0;
}
