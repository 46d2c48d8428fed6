/*
 * The lines of a request's text that belong to the mail it came in, not
 * to the request: a request is often a forwarded e-mail, and its headers,
 * greetings, closings and signatures name people, roles and phone numbers,
 * which say nothing of the topic. Told conservatively, in English, French,
 * Spanish and Portuguese (docs/documents.md lists them):
 *
 *   - a header block: two lines or more in a row that start with a mail
 *     header's label and a colon ("De:", "From:", "Envoyé :", "Enviado el:",
 *     "Para:", "To:", "Cc:", "Date:", "Asunto:", "Objet :"…), but for the
 *     text's first subject, the newest message's; a line that introduces a
 *     quoted message ("… a écrit :", "… wrote:", "-----Original Message-----");
 *   - a greeting: a line that starts with one ("Buenos días", "Estimada
 *     María:", "Madame, Monsieur,", "Dear colleagues,"), whole when it is of
 *     six words or fewer, else up to its first comma, colon or "!";
 *   - a closing: a line of six words or fewer that starts with one
 *     ("Saludos,", "Cordialement", "Best regards", "Atenciosamente"), or
 *     one of the long formulas ("Veuillez agréer…"), and the signature
 *     after it: its lines up to the next empty one, each of eight words or
 *     fewer, at most six; a signature after a "--" line the same way;
 *   - a contact line: "Tel.", "Phone", "Fax", "E-mail", "Courriel"… with a
 *     number or an address, of eight words or fewer.
 */
#ifndef RS_INTAKE_MAIL_H
#define RS_INTAKE_MAIL_H

#include <stddef.h>

/* Blank those lines of the UTF-8 text t (len bytes), in place: every byte
 * of them but the line breaks becomes a space, so what is left keeps its
 * offsets. 0, or -1 on invalid UTF-8 or out of memory (t unchanged). */
int rs_mail_blank(char *t, size_t len);

#endif
