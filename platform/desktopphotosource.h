#pragma once

#include "photosource.h"

namespace onsite::platform {

// No camera on the desktop (Qt Multimedia is not a dependency): photos come from
// files, e.g. copied off a camera's memory card.
class DesktopPhotoSource : public PhotoSource
{
    Q_OBJECT

public:
    using PhotoSource::PhotoSource;

    bool hasCamera() const override { return false; }
    void capture() override;
    // Answers with the file's absolute path once it is known to be a photo; the file
    // is not copied (the photo store imports it).
    void pickFile(const QString &path) override;
};

} // namespace onsite::platform
