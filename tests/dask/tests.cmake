# vnaudit.dask on a local cluster (a scheduler and two worker processes on
# loopback, started and stopped by the test) against `vnaudit ingest`:
# dask.equal (the same archive, record for record; a second audit; shards of
# a partition run twice), dask.faults (a worker killed mid-run; a document
# that kills its worker). Included from python/CMakeLists.txt, which builds
# the binding and defines _vn_env (PYTHONPATH, the sanitizers' runtimes).
foreach(t equal faults cli)
  add_test(NAME dask.${t}
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/dask/dask_test.py ${t} $<TARGET_FILE:vnaudit>
                   ${PROJECT_SOURCE_DIR})
  set_tests_properties(dask.${t} PROPERTIES LABELS dask TIMEOUT 180 ENVIRONMENT "${_vn_env}")
endforeach()
