/*
 * The mission window of a request document: dates as the four languages
 * write them ("du 8 au 26 février 2027", "from 8 to 26 February 2027",
 * "del 8 al 26 de febrero de 2027", "de 8 a 26 de fevereiro de 2027",
 * "March 8, 2027", "2027-02-08", "08/02/2027" read day first, as Europe
 * writes it), paired into ranges. Of several ranges the one nearest a word
 * that announces the mission's dates wins; a month alone ("en mars 2027")
 * gives that month, with a low confidence.
 */
#ifndef RS_INTAKE_WINDOW_H
#define RS_INTAKE_WINDOW_H

#include "intake/request.h"
#include "intake/words.h"

/* Fill said, *from and *to when a window is found; 0, or -1 when out of
 * memory. */
int rs_window_find(const rs_words *ws, rs_said *said, int32_t *from, int32_t *to);

#endif
