#ifndef DOWNTRACK_CLIBXML2_SHIM_H
#define DOWNTRACK_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its converter headers clash with the ICU copy inside
// Foundation. We never touch the ICU members, so hide them before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

// libxml2's xmlFree is a global function-pointer variable, which Swift 6 rejects as
// shared mutable state; call it through a function instead.
static inline void downtrack_xmlFree(void *pointer) { xmlFree(pointer); }

#endif
