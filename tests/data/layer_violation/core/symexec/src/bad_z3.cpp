#include <z3++.h>
#include <QString>
