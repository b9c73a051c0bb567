# Installing the Python package beside the library (included by the top
# CMakeLists.txt). The package is pure Python; it goes into
# ORGTRUST_PYTHON_DIR under the prefix, and orgtrust/_libdir.py records the
# prefix's library directory so that the package finds this library first
# (bindings/python/orgtrust/_native.py).

option(ORGTRUST_INSTALL_PYTHON "Install the Python package (bindings/python) with the library" OFF)

if(NOT Python3_Interpreter_FOUND)
  if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "The Python 3 interpreter of the bindings' tests")
  endif()
  find_package(Python3 COMPONENTS Interpreter QUIET)
endif()

set(ORGTRUST_PYTHON_DIR "" CACHE PATH
  "Where the Python package is installed, relative to the prefix (empty: the interpreter's purelib of the posix_prefix scheme, e.g. lib/python3.11/site-packages)")
set(_ot_py_dir "${ORGTRUST_PYTHON_DIR}")
if(NOT _ot_py_dir AND Python3_Interpreter_FOUND)
  execute_process(
    COMMAND ${Python3_EXECUTABLE} -c
      "import sysconfig; print(sysconfig.get_path('purelib', 'posix_prefix', vars={'base': '@', 'platbase': '@'}))"
    OUTPUT_VARIABLE _ot_py_dir OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _ot_py_rc)
  if(_ot_py_rc EQUAL 0)
    string(REGEX REPLACE "^@/" "" _ot_py_dir "${_ot_py_dir}")
  else()
    set(_ot_py_dir "")
  endif()
endif()
if(NOT _ot_py_dir)
  set(_ot_py_dir "${CMAKE_INSTALL_LIBDIR}/python3/site-packages")
endif()

if(ORGTRUST_INSTALL_PYTHON)
  set(_ot_py_all "")
else()
  set(_ot_py_all EXCLUDE_FROM_ALL)
endif()

install(DIRECTORY bindings/python/orgtrust
  DESTINATION ${_ot_py_dir}
  COMPONENT python ${_ot_py_all}
  PATTERN "__pycache__" EXCLUDE
  PATTERN "_libdir.py" EXCLUDE)
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(_ot_py_libdir "${CMAKE_INSTALL_LIBDIR}")
else()
  set(_ot_py_libdir "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${_ot_py_dir}")
  set(_ot_py_dest "\$ENV{DESTDIR}${_ot_py_dir}")
else()
  set(_ot_py_dest "\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${_ot_py_dir}")
endif()
install(CODE "
  file(WRITE \"${_ot_py_dest}/orgtrust/_libdir.py\"
    \"# Written by cmake --install: the library directory of this installation.\\nLIBDIR = '${_ot_py_libdir}'\\n\")
  message(STATUS \"Installing: ${_ot_py_dest}/orgtrust/_libdir.py\")"
  COMPONENT python ${_ot_py_all})
set(ORGTRUST_PYTHON_INSTALL_DIR "${_ot_py_dir}" CACHE INTERNAL "the Python package's directory under the prefix")
