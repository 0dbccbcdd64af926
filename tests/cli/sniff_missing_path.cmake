# Runs `trinity sniff GOOD /no/such/file` and checks exit code, stdout and stderr.
execute_process(COMMAND "${TRINITY}" sniff "${GOOD}" /no/such/file
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 1)
    message(FATAL_ERROR "exit code ${code}, expected 1")
endif()
if(NOT err MATCHES "/no/such/file: cannot open: No such file or directory")
    message(FATAL_ERROR "stderr lacks a clear message: ${err}")
endif()
if(NOT out MATCHES "run-keys\\.reg +reg")
    message(FATAL_ERROR "the readable file was not reported: ${out}")
endif()
