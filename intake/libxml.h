/*
 * libxml2 for the two XML readers, office.c (DOCX and ODT, through its
 * xmlReader) and cvxml.c (Europass CVs, as a tree), loaded by the first XML
 * read (lazylib.h) rather than linked: with ICU, which it brings, it made
 * every roster process take some 0.5 ms more to start (docs/measurements.md).
 *
 * The readers call libxml2 through `xl`: xl.TextReaderRead(r) for
 * xmlTextReaderRead(r). xmlFree is a variable in libxml2, not a function:
 * xl.Free points to it, (*xl.Free)(p). Internal to intake/: it includes
 * libxml2's headers, which no header outside intake/ does.
 */
#ifndef RS_INTAKE_LIBXML_H
#define RS_INTAKE_LIBXML_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "intake/lazylib.h"

#define RS_LIBXML_FUNCTIONS(X)                                          \
    X(InitParser, xmlInitParser)                                        \
    X(Free, xmlFree)                                                    \
    X(BufferCat, xmlBufferCat)                                          \
    X(BufferContent, xmlBufferContent)                                  \
    X(BufferCreate, xmlBufferCreate)                                    \
    X(BufferFree, xmlBufferFree)                                        \
    X(CopyError, xmlCopyError)                                          \
    X(CtxtGetLastError, xmlCtxtGetLastError)                            \
    X(CtxtReadMemory, xmlCtxtReadMemory)                                \
    X(DocGetRootElement, xmlDocGetRootElement)                          \
    X(FreeDoc, xmlFreeDoc)                                              \
    X(FreeParserCtxt, xmlFreeParserCtxt)                                \
    X(GetLineNo, xmlGetLineNo)                                          \
    X(GetProp, xmlGetProp)                                              \
    X(NewParserCtxt, xmlNewParserCtxt)                                  \
    X(FreeTextReader, xmlFreeTextReader)                                \
    X(ReaderForMemory, xmlReaderForMemory)                              \
    X(ResetError, xmlResetError)                                        \
    X(TextReaderConstLocalName, xmlTextReaderConstLocalName)            \
    X(TextReaderConstNamespaceUri, xmlTextReaderConstNamespaceUri)      \
    X(TextReaderConstValue, xmlTextReaderConstValue)                    \
    X(TextReaderDepth, xmlTextReaderDepth)                              \
    X(TextReaderIsEmptyElement, xmlTextReaderIsEmptyElement)            \
    X(TextReaderNext, xmlTextReaderNext)                                \
    X(TextReaderNodeType, xmlTextReaderNodeType)                        \
    X(TextReaderRead, xmlTextReaderRead)                                \
    X(TextReaderSetStructuredErrorHandler, xmlTextReaderSetStructuredErrorHandler)

struct rs_libxml {
    RS_LIBXML_FUNCTIONS(RS_LAZY_FIELD)
};
extern struct rs_libxml xl;

/* Load libxml2 and set up its parser, once, safely from any thread (its
 * own set-up is not safe from two threads at once, and the service imports
 * from its threads): NULL when ready, else why it cannot be used
 * ("libxml2.so.2 is not installed (...)"). */
const char *rs_libxml_load(void);

#endif
