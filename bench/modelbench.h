#pragma once

#include "appbench.h"

#include <QJsonObject>

namespace onsite::sync {
class FieldWorkspace;
}

namespace onsite::bench {

struct ModelBenchOptions
{
    int filterRounds = 200; // each round types the whole query series once
    int loadRounds = 5;     // UnitListModel and SiteListModel loads (each takes long)
};

// The app's view models in this process, on a signed-in device store, side by side
// with the plainest code that yields the same rows (a vector scan, direct SQL):
//   - UnitListModel::setFilter over the query series an inspector types on the home page
//   - UnitListModel load (what the home page does when it opens)
//   - SiteListModel load of one unit (what the unit page does when it opens)
// Every baseline's result is checked against the model's; a difference is a problem.
// The models get `workspace` as QML gives it to them; the baselines use its store.
QJsonObject measureModels(sync::FieldWorkspace &workspace, const ModelBenchOptions &options);

} // namespace onsite::bench
