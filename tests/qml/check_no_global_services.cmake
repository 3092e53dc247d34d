# Fails when the app's QML module looks its services up globally instead of being
# handed them (AppComposition → Main.qml's required properties → pages → view models):
# the old AppServices::instance(), any other ::instance() accessor, context properties,
# C++ singletons registered with QML, and Q_GLOBAL_STATIC.
#
#   cmake -DDIR=<folder> -P check_no_global_services.cmake
if(NOT DIR OR NOT IS_DIRECTORY "${DIR}")
  message(FATAL_ERROR "check_no_global_services: DIR is not a folder: '${DIR}'")
endif()

set(patterns
  "AppServices"
  "::instance[ ]*\\("
  "setContextProperty"
  "rootContext[ ]*\\("
  "qmlRegisterSingleton"
  "QML_SINGLETON"
  "Q_GLOBAL_STATIC")

file(GLOB_RECURSE files "${DIR}/*.cpp" "${DIR}/*.h" "${DIR}/*.qml" "${DIR}/*.js")
if(NOT files)
  message(FATAL_ERROR "check_no_global_services: no sources under ${DIR}")
endif()

set(found "")
foreach(file IN LISTS files)
  # One list element per line: semicolons and brackets would split or join lines.
  file(READ "${file}" content)
  string(REPLACE ";" "," content "${content}")
  string(REPLACE "[" "(" content "${content}")
  string(REPLACE "]" ")" content "${content}")
  string(REPLACE "\n" ";" lines "${content}")
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    foreach(pattern IN LISTS patterns)
      if(line MATCHES "${pattern}")
        string(APPEND found "\n  ${file}:${number}: ${line}")
        break()
      endif()
    endforeach()
  endforeach()
endforeach()

if(found)
  message(FATAL_ERROR "global service look-ups under ${DIR} (hand the service in as a property instead):${found}")
endif()
list(LENGTH files count)
message(STATUS "no global service look-ups in ${count} files under ${DIR}")
