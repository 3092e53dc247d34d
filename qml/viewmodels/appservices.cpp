#include "appservices.h"

namespace onsite::app {

AppServices &AppServices::instance()
{
    static AppServices services;
    return services;
}

} // namespace onsite::app
