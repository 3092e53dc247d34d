# The follow-up exports (整改台账, 典型经验汇编, 创新项目清单, weekly 调度) of the real
# onsite-hq: the sample campaign, findings seeded by check_exports.py, follow-up records
# written through the follow-up store by onsite_followup_seed (fixed times), then
# `onsite-hq export …` with a fixed --now, read back by check_followup_exports.py
# (openpyxl, pdftotext, pdffonts, pdfinfo) and compared with the database; bad command
# lines too. With -DPOSTGRES=ON the same on a fresh PostgreSQL database of the server
# that scripts/start-postgres.sh started (ONSITE_TEST_POSTGRES_URL); skipped without it.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(DATA "${WORK}/data")
set(DB_ARGS "")
set(DB_TARGET "${DATA}/hq.sqlite")
if(POSTGRES)
  set(server_url "$ENV{ONSITE_TEST_POSTGRES_URL}")
  if(server_url STREQUAL "")
    message(STATUS "skipped: ONSITE_TEST_POSTGRES_URL is not set")
    return()
  endif()
  foreach(statement "DROP DATABASE IF EXISTS onsite_followup_export_test"
                    "CREATE DATABASE onsite_followup_export_test")
    execute_process(COMMAND psql "${server_url}" -q -v ON_ERROR_STOP=1 -c "${statement}"
                    RESULT_VARIABLE code ERROR_VARIABLE err)
    if(NOT code EQUAL 0)
      message(FATAL_ERROR "psql ${statement}: ${err}")
    endif()
  endforeach()
  string(REGEX REPLACE "/[^/]*$" "/onsite_followup_export_test" DB_TARGET "${server_url}")
  set(DB_ARGS --db "${DB_TARGET}")
endif()

set(HQ_DATA_ARGS --data "${DATA}" ${DB_ARGS})
include("${CMAKE_CURRENT_LIST_DIR}/../cli/runhq.cmake")

# 10:00 on Friday 2026-07-10 in Beijing (week 2026-W28).
set(NOW "2026-07-10T02:00:00Z")

function(refuse expected_code pattern)
  execute_process(COMMAND ${HQ} ${ARGN} --data "${DATA}" ${DB_ARGS}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expected_code OR NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "onsite-hq ${ARGN}: expected exit ${expected_code} and \"${pattern}\", "
                        "got ${code}:\n${out}\n${err}")
  endif()
endfunction()

function(check)
  execute_process(COMMAND ${PYTHON} ${CHECKER} ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "${out}")
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "check_followup_exports.py ${ARGN} failed (${code}):\n${out}\n${err}")
  endif()
endfunction()

run_hq(init)
run_hq(import-campaign "${FIXTURES}")
run_hq(import-scores "${FIXTURES}/scores-paper.csv")
execute_process(COMMAND ${PYTHON} ${SEED_FINDINGS} seed "${DB_TARGET}" RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "check_exports.py seed: ${err}")
endif()
set(seed_args "${DATA}")
if(POSTGRES)
  list(APPEND seed_args "${DB_TARGET}")
endif()
execute_process(COMMAND ${SEED} ${seed_args} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "onsite_followup_seed failed (${code}):\n${out}\n${err}")
endif()
run_hq(results --format json)
file(WRITE "${WORK}/live.json" "${hq_output}")

run_hq(export rectifications --now ${NOW} --out "${WORK}/rectifications.xlsx")
if(NOT hq_output MATCHES "整改台账-2026-07-10")
  message(FATAL_ERROR "export rectifications printed: ${hq_output}")
endif()
run_hq(export experiences --now ${NOW} --out "${WORK}/experiences.pdf")
run_hq(export innovations --now ${NOW} --out "${WORK}/innovations.xlsx")
run_hq(export dispatch --week 2026-W27 --now ${NOW} --out "${WORK}/dispatch-w27.pdf")
run_hq(export dispatch --now ${NOW} --out "${WORK}/dispatch.pdf")
if(NOT hq_output MATCHES "调度-2026-W28")
  message(FATAL_ERROR "export dispatch without --week printed: ${hq_output}")
endif()

check(rectifications-xlsx "${WORK}/rectifications.xlsx" "${DB_TARGET}" ${NOW})
check(innovations-xlsx "${WORK}/innovations.xlsx" "${DB_TARGET}")
check(experiences-pdf "${WORK}/experiences.pdf" "${DB_TARGET}")
check(dispatch-pdf "${WORK}/dispatch-w27.pdf" "${DB_TARGET}" ${NOW} 2026-W27 "${WORK}/live.json")
check(dispatch-pdf "${WORK}/dispatch.pdf" "${DB_TARGET}" ${NOW} 2026-W28 "${WORK}/live.json")

# Bad command lines: a clear message and no file.
refuse(2 "未知的导出内容“ledger”" export ledger --out "${WORK}/x.xlsx")
refuse(2 "周次“2026-W54”无效" export dispatch --week 2026-W54 --out "${WORK}/x.pdf")
refuse(2 "周次“2026-27”无效" export dispatch --week 2026-27 --out "${WORK}/x.pdf")
refuse(2 "周次“2025-W53”无效" export dispatch --week 2025-W53 --out "${WORK}/x.pdf")
refuse(2 "--week 只用于 dispatch" export rectifications --week 2026-W27 --out "${WORK}/x.xlsx")
refuse(2 "--week 只用于整改" export results --week 2026-W27 --out "${WORK}/x.xlsx")
refuse(2 "rectifications 不需要 --format" export rectifications --format csv --out "${WORK}/x.csv")
refuse(2 "--now 需要 ISO 8601 时间" export innovations --now yesterday --out "${WORK}/x.xlsx")
refuse(2 "缺少 --out" export experiences)
refuse(1 "无法写入 ${WORK}/missing/x.pdf" export dispatch --out "${WORK}/missing/x.pdf")
if(EXISTS "${WORK}/x.xlsx" OR EXISTS "${WORK}/x.pdf" OR EXISTS "${WORK}/x.csv" OR EXISTS "${WORK}/missing")
  message(FATAL_ERROR "a refused export left a file behind")
endif()
message(STATUS "follow-up exports read back equal to the database")
