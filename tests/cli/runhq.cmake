# run_hq(ARGS…): runs the real onsite-hq (${HQ}) with ${HQ_DATA_ARGS} (--data …, and
# --db … where the test uses PostgreSQL); stops the test with its output on failure and
# leaves its standard output in hq_output.
function(run_hq)
  execute_process(COMMAND ${HQ} ${ARGN} ${HQ_DATA_ARGS}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "onsite-hq ${ARGN} failed (${code}):\n${out}\n${err}")
  endif()
  set(hq_output "${out}" PARENT_SCOPE)
endfunction()
