# Xapian's CMake config sets variables only; wrap them as an imported target
# so the rest of the build can say Xapian::xapian like any other dependency.
find_package(xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian UNKNOWN IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    IMPORTED_LOCATION "${XAPIAN_LIBRARIES}"
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}")
endif()
