#include "tlift/util/source.h"
