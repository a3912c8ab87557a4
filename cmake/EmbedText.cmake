# Turns a text file into a C++ header holding it as a raw string: -DINPUT=file -DOUTPUT=header.
file(READ ${INPUT} CONTENT)
get_filename_component(DIR ${OUTPUT} DIRECTORY)
file(MAKE_DIRECTORY ${DIR})
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#pragma once\n#include <string_view>\n\
namespace mn::sim {\ninline constexpr std::string_view kScenarioSchemaJson = R\"mnschema(${CONTENT})mnschema\";\n}\n")
