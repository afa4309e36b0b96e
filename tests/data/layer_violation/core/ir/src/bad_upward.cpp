#include "tlift/engine/session.h"
