# The exports (一表一单一图) of the real onsite-hq on the sample campaign, read back with
# real readers (openpyxl, pdftotext, pdffonts) by check_exports.py and compared with
# `onsite-hq results --format json`: live results, a published version that later
# scores do not change, findings with formula-injection text, and bad command lines.
# With -DPOSTGRES=ON the same runs on a fresh PostgreSQL database of the server that
# scripts/start-postgres.sh started (ONSITE_TEST_POSTGRES_URL); skipped without it.
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
  foreach(statement "DROP DATABASE IF EXISTS onsite_export_test" "CREATE DATABASE onsite_export_test")
    execute_process(COMMAND psql "${server_url}" -q -v ON_ERROR_STOP=1 -c "${statement}"
                    RESULT_VARIABLE code ERROR_VARIABLE err)
    if(NOT code EQUAL 0)
      message(FATAL_ERROR "psql ${statement}: ${err}")
    endif()
  endforeach()
  string(REGEX REPLACE "/[^/]*$" "/onsite_export_test" DB_TARGET "${server_url}")
  set(DB_ARGS --db "${DB_TARGET}")
endif()

set(HQ_DATA_ARGS --data "${DATA}" ${DB_ARGS})
include("${CMAKE_CURRENT_LIST_DIR}/../cli/runhq.cmake")

# A command that must fail with `expected_code` and a message matching `pattern`.
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
    message(FATAL_ERROR "check_exports.py ${ARGN} failed (${code}):\n${out}\n${err}")
  endif()
endfunction()

run_hq(init)
run_hq(import-campaign "${FIXTURES}")
run_hq(import-scores "${FIXTURES}/scores-paper.csv")
check(seed "${DB_TARGET}")

# Version 1 is published now (as the console does: the results document, frozen).
run_hq(results --format json)
file(WRITE "${WORK}/v1.json" "${hq_output}")
check(publish "${DB_TARGET}" "${WORK}/v1.json")
check(seed-late "${DB_TARGET}")

# Later final values (组长核定) change the live results, not version 1; one triggers
# DC's veto, which the live workbook's veto sheet must name as such.
file(WRITE "${WORK}/later-scores.csv"
     "账号,单位编码,指标编号,类型,评分输入,说明\n"
     "g1.li,BH,1.1,核定,6,组长核定：补充材料后复核\n"
     "g1.li,DC,7.1,核定,是,组长核定：查实选人用人违规\n")
run_hq(import-scores "${WORK}/later-scores.csv")
run_hq(results --format json)
file(WRITE "${WORK}/live.json" "${hq_output}")
run_hq(results --format csv)
file(WRITE "${WORK}/results-en-expected.csv" "${hq_output}")

run_hq(export results --format xlsx --out "${WORK}/results.xlsx")
run_hq(export results --out "${WORK}/results-v1.xlsx" --version 1)
run_hq(export results --format csv --out "${WORK}/results.csv")
run_hq(export results --format csv --header en --out "${WORK}/results-en.csv")
run_hq(export findings --format xlsx --out "${WORK}/findings.xlsx")
run_hq(export report --format pdf --out "${WORK}/report.pdf")
run_hq(export report --format pdf --out "${WORK}/report-v1.pdf" --version 1)

check(results-xlsx "${WORK}/results.xlsx" "${WORK}/live.json" 实时)
check(results-xlsx "${WORK}/results-v1.xlsx" "${WORK}/v1.json" "第 1 版")
check(results-csv "${WORK}/results.csv" "${WORK}/live.json")
check(findings-xlsx "${WORK}/findings.xlsx")
check(report-pdf "${WORK}/report.pdf" "${WORK}/live.json" 实时)
# Published at 02:00 UTC: the report shows Beijing time whatever the machine's clock.
# It is dated its publication and, published before records were frozen with versions,
# holds the findings recorded by then.
check(report-pdf "${WORK}/report-v1.pdf" "${WORK}/v1.json" "第 1 版（2026-07-16 10:00 发布）" "2026年7月16日")

# Scripts get exactly the columns of results --format csv.
file(READ "${WORK}/results-en.csv" english)
file(READ "${WORK}/results-en-expected.csv" expected)
if(NOT english STREQUAL expected)
  message(FATAL_ERROR "export --header en differs from results --format csv:\n${english}\n---\n${expected}")
endif()

# Bad command lines: a clear message and no file.
refuse(2 "未知的导出内容" export ranking --out "${WORK}/x.xlsx")
refuse(2 "report 不能导出为 xlsx" export report --format xlsx --out "${WORK}/x.xlsx")
refuse(2 "未知的格式" export results --format docx --out "${WORK}/x.docx")
refuse(2 "缺少 --out" export results)
refuse(2 "问题清单不分发布版本" export findings --version 1 --out "${WORK}/x.xlsx")
refuse(2 "--header 只用于" export results --format xlsx --header en --out "${WORK}/x.xlsx")
refuse(1 "没有第 9 版发布结果（已发布的版本：1）" export results --version 9 --out "${WORK}/x.xlsx")
refuse(1 "无法写入 ${WORK}/missing/x.xlsx" export results --out "${WORK}/missing/x.xlsx")
if(EXISTS "${WORK}/x.xlsx" OR EXISTS "${WORK}/missing")
  message(FATAL_ERROR "a refused export left a file behind")
endif()
message(STATUS "exports read back equal to onsite-hq results")
