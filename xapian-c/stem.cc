/*
 * Snowball stemmers, by Xapian name ("english") or ISO 639-1 code ("en").
 */
#include <cstring>

#include "xapian-c/private.h"

xc_status xc_stem_new(const char *language, xc_stem **out)
{
    if (!out)
        return XC_ERR_INVALID_ARGUMENT;
    *out = NULL;
    /* Xapian takes "none" and "" as a stemmer that leaves words alone; a
     * caller asking for a language must not silently get that. */
    if (!language || !*language || std::strcmp(language, "none") == 0)
        return XC_ERR_INVALID_ARGUMENT;
    try {
        *out = new xc_stem(language);
        return XC_OK;
    } catch (...) {
        return xc_caught(NULL);
    }
}

void xc_stem_free(xc_stem *stem)
{
    delete stem;
}

const char *xc_stem_word(xc_stem *stem, const char *word, size_t len)
{
    if (!stem || (!word && len > 0))
        return NULL;
    try {
        std::string key = word ? std::string(word, len) : std::string();
        auto hit = stem->cache.find(key);
        if (hit != stem->cache.end())
            return hit->second.c_str();
        if (stem->cache.size() >= XC_STEM_CACHE_MAX)
            stem->cache.clear();
        std::string stemmed = stem->stem(key);
        return stem->cache.emplace(std::move(key), std::move(stemmed)).first->second.c_str();
    } catch (...) {
        return NULL;
    }
}
