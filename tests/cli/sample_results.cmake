# Runs the README's main job with the real onsite-hq: init, import the sample
# campaign and its paper scores, and compare the results with expected-results.csv.
file(REMOVE_RECURSE "${WORK}")

set(HQ_DATA_ARGS --data "${WORK}")
include("${CMAKE_CURRENT_LIST_DIR}/runhq.cmake")

run_hq(init)
run_hq(import-campaign "${FIXTURES}")
run_hq(import-scores "${FIXTURES}/scores-paper.csv")
run_hq(results --format csv)

# Keep only the six columns of expected-results.csv.
string(REPLACE "\r" "" hq_output "${hq_output}")
string(REPLACE "\n" ";" lines "${hq_output}")
set(actual "")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  string(REPLACE "," ";" cells "${line}")
  list(SUBLIST cells 0 6 six)
  list(JOIN six "," row)
  string(APPEND actual "${row}\n")
endforeach()

file(READ "${FIXTURES}/expected-results.csv" expected)
string(REPLACE "\r" "" expected "${expected}")
string(STRIP "${expected}" expected)
string(STRIP "${actual}" actual)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "results differ from expected-results.csv\n--- expected\n${expected}\n--- actual\n${actual}")
endif()
message(STATUS "onsite-hq results match expected-results.csv")

# A second import of the same campaign is refused and changes nothing.
execute_process(COMMAND ${HQ} import-campaign "${FIXTURES}" --data "${WORK}"
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0 OR NOT err MATCHES "已有考评活动")
  message(FATAL_ERROR "a second import-campaign was not refused: ${code}\n${err}")
endif()
