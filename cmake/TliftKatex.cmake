# KaTeX is embedded (explorer resources, HTML reports), never fetched at run time. Debian's
# libjs-katex is the default; an unpacked npm `katex` package (its dist/ folder) can be named with
# -DTLIFT_KATEX_DIR=... instead. Sets TLIFT_KATEX_DIR (cached) or stops with what to install.
if(NOT TLIFT_KATEX_DIR OR NOT EXISTS ${TLIFT_KATEX_DIR}/katex.min.css)
  find_path(TLIFT_KATEX_DIR katex.min.js
    PATHS /usr/share/javascript/katex
    NO_DEFAULT_PATH
    DOC "Folder with katex.min.js, katex.min.css and fonts/*.woff2")
endif()
if(NOT TLIFT_KATEX_DIR OR NOT EXISTS ${TLIFT_KATEX_DIR}/katex.min.css)
  message(FATAL_ERROR
    "KaTeX not found: the explorer and the HTML reports embed katex.min.js, katex.min.css and fonts/*.woff2.\n"
    "Install the Debian package libjs-katex (scripts/setup.sh does), or pass "
    "-DTLIFT_KATEX_DIR=<folder holding katex.min.js> (e.g. the dist/ folder of npm's katex).")
endif()
