#include "visitmodel.h"

#include "photoimageprovider.h"

#include "client/fieldworkspace.h"
#include "client/rules/fielderror.h"
#include "platform/exifmetadata.h"
#include "platform/photosource.h"
#include "platform/positionsource.h"

#include <QFile>
#include <QLocale>
#include <QSet>
#include <QUrl>

namespace onsite::app {

namespace {

QString localTime(const QDateTime &time)
{
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// What the person sees after saving; the stored kind name stays Chinese on the wire.
QString findingKindText(FindingKind kind)
{
    switch (kind) {
    case FindingKind::Problem:
        return VisitModel::tr("已记录问题");
    case FindingKind::Shortcoming:
        return VisitModel::tr("已记录短板");
    case FindingKind::Weakness:
        return VisitModel::tr("已记录弱项");
    }
    return {};
}

} // namespace

sync::FieldWorkspace *VisitModel::workspace() const { return m_workspace; }
platform::PositionSource *VisitModel::positionSource() const { return m_position; }
platform::PhotoSource *VisitModel::photoSource() const { return m_photoSource; }

void VisitModel::setWorkspace(sync::FieldWorkspace *workspace)
{
    if (workspace == m_workspace)
        return;
    if (m_workspace)
        disconnect(&m_workspace->engine(), nullptr, this, nullptr);
    m_workspace = workspace;
    // Photos upload in the background: follow each sync round, so a photo that has
    // reached HQ stops showing as waiting without leaving the page.
    if (m_workspace) {
        connect(&m_workspace->engine(), &sync::SyncEngine::statusChanged, this, [this] {
            try {
                const QVariantList fresh = queryPhotos();
                if (fresh != m_photos) {
                    m_photos = fresh;
                    Q_EMIT photosChanged();
                }
            } catch (const std::exception &) { // a busy database: the next round refreshes
            }
        });
    }
    Q_EMIT workspaceChanged();
    reload();
}

void VisitModel::setPositionSource(platform::PositionSource *source)
{
    if (source == m_position)
        return;
    m_position = source;
    Q_EMIT workspaceChanged();
}

void VisitModel::setPhotoSource(platform::PhotoSource *source)
{
    if (source == m_photoSource)
        return;
    if (m_photoSource)
        disconnect(m_photoSource, nullptr, this, nullptr);
    m_photoSource = source;
    connectCamera();
    Q_EMIT cameraChanged();
}

void VisitModel::connectCamera()
{
    if (!m_photoSource)
        return;
    connect(m_photoSource, &platform::PhotoSource::hasCameraChanged, this, &VisitModel::cameraChanged);
    connect(m_photoSource, &platform::PhotoSource::photoReady, this,
            [this](const QString &file, const PhotoCapture &capture) {
        if (m_cameraIndicator.isNull())
            return; // another page's capture
        const QString indicator = m_cameraIndicator;
        m_cameraIndicator = QString();
        const bool saved =
            write([&](sync::FieldRecorder &r) { r.recordCapturedPhoto(file, m_unitCode, capture, indicator, m_visitId); },
                  tr("照片已保存，联网后自动上传"));
        // The store keeps its own copy under the photo's hash; the capture file is spare.
        if (saved && file.contains(QLatin1String("/camera/")))
            QFile::remove(file);
        Q_EMIT photoTaken();
    });
    connect(m_photoSource, &platform::PhotoSource::failed, this, [this](const QString &message) {
        if (m_cameraIndicator.isNull())
            return;
        m_cameraIndicator = QString();
        setMessage(message, true);
        Q_EMIT photoTaken();
    });
}

bool VisitModel::hasCamera() const { return m_photoSource && m_photoSource->hasCamera(); }

void VisitModel::takePhoto(const QString &indicatorCode)
{
    if (!m_photoSource) {
        setMessage(tr("此设备没有相机，请从文件中选择照片"));
        Q_EMIT photoTaken();
        return;
    }
    m_cameraIndicator = indicatorCode.isNull() ? QStringLiteral("") : indicatorCode;
    setMessage(tr("正在拍照……"));
    m_photoSource->capture();
}

void VisitModel::setCameraPreview(QObject *videoOutput)
{
    if (m_photoSource)
        m_photoSource->setPreview(videoOutput);
}

QVariantList VisitModel::queryPhotos() const
{
    QVariantList photos;
    if (!m_workspace || m_unitCode.isEmpty())
        return photos;
    for (const sync::FieldQueries::PhotoRow &p : m_workspace->queries().unitPhotos(m_unitCode)) {
        photos.append(QVariantMap{{QStringLiteral("id"), p.id},
                                  {QStringLiteral("source"), PhotoImageProvider::urlFor(p.sha256)},
                                  {QStringLiteral("indicator"), p.indicatorCode},
                                  {QStringLiteral("time"), localTime(p.capturedAt)},
                                  {QStringLiteral("uploaded"), p.uploaded},
                                  {QStringLiteral("mine"), p.account == m_account}});
    }
    return photos;
}

void VisitModel::setSiteCode(const QString &code)
{
    if (code == m_siteCode)
        return;
    m_siteCode = code;
    reload();
}

void VisitModel::setMessage(const QString &message, bool error, const QString &field)
{
    m_message = message;
    m_messageIsError = error;
    m_messageField = field;
    Q_EMIT messageChanged();
}

void VisitModel::reload()
{
    m_items.clear();
    m_unitItems.clear();
    m_photos.clear();
    m_findings.clear();
    m_highlights.clear();
    m_checkInText.clear();
    m_checkOutText.clear();
    m_checkInOutside = false;
    m_visitId.clear();
    m_notes.clear();
    m_submitted = false;
    if (!m_workspace || m_siteCode.isEmpty())
        return;
    try {
        const sync::FieldRules rules = m_workspace->rules();
        m_account = rules.me().account;
        const Site &site = rules.requireSite(m_siteCode);
        const Unit &unit = rules.requireUnit(site.unitCode);
        m_siteName = site.name;
        m_siteType = siteTypeName(site.type);
        m_unitCode = unit.code;
        m_unitName = unit.name;
        m_category = unit.category;
        m_scorable = rules.me().homeUnitCode != unit.code && rules.me().isRater();
        m_submitted = m_workspace->submissions().isLocked(unit.code);
        const sync::FieldQueries queries = m_workspace->queries();
        const QHash<QString, QString> mine = queries.raterInputs(unit.code, m_account);
        const QHash<QString, int> raters = queries.raterCounts(unit.code);
        const auto itemRow = [&](const Indicator *item) {
            const QString &code = item->code;
            return QVariantMap{{QStringLiteral("code"), code},
                               {QStringLiteral("title"), item->title},
                               {QStringLiteral("content"), item->content},
                               {QStringLiteral("method"), item->rule ? scoringMethodName(item->rule->method) : QString()},
                               {QStringLiteral("rule"), item->ruleText},
                               {QStringLiteral("maxScore"), item->maxScore.toPlainString()},
                               {QStringLiteral("evidence"), item->evidence},
                               {QStringLiteral("checkMethod"), item->checkMethod},
                               {QStringLiteral("input"), mine.value(code)},
                               {QStringLiteral("scored"), mine.contains(code)},
                               {QStringLiteral("raterCount"), raters.value(code)}};
        };
        QSet<QString> atSomeSite;
        for (const Site &other : rules.setup().sites) {
            if (other.unitCode == unit.code)
                atSomeSite.unite(QSet<QString>(other.indicatorCodes.cbegin(), other.indicatorCodes.cend()));
        }
        for (const QString &code : site.indicatorCodes) {
            if (const Indicator *item = rules.setup().indicator(code))
                m_items.append(itemRow(item));
        }
        for (const Indicator &item : rules.setup().indicators) {
            if (!item.isProject() && !atSomeSite.contains(item.code))
                m_unitItems.append(itemRow(&item));
        }
        if (const auto visit = queries.latestVisit(m_siteCode, m_account)) {
            m_visitId = visit->id;
            m_notes = visit->notes;
            describeVisit(*visit, site, rules.setup().campaign.presence);
        }
        m_photos = queryPhotos();
        for (const sync::FieldQueries::FindingRow &f : queries.findings(unit.code)) {
            m_findings.append(QVariantMap{{QStringLiteral("kind"), f.kind},
                                  {QStringLiteral("description"), f.description},
                                  {QStringLiteral("suggestion"), f.suggestion},
                                  {QStringLiteral("indicator"), f.indicatorCode},
                                  {QStringLiteral("photoCount"), f.photoCount},
                                  {QStringLiteral("photoIds"), f.photoIds},
                                  {QStringLiteral("id"), f.id},
                                  {QStringLiteral("mine"), f.account == m_account}});
        }
        for (const sync::FieldQueries::HighlightRow &h : queries.highlights(unit.code)) {
            m_highlights.append(QVariantMap{{QStringLiteral("title"), h.title}, {QStringLiteral("description"), h.description},
                                    {QStringLiteral("id"), h.id},
                                    {QStringLiteral("mine"), h.account == m_account}});
        }
    } catch (const std::exception &e) {
        setMessage(QString::fromUtf8(e.what()), true);
    }
    Q_EMIT siteChanged();
    Q_EMIT contentChanged();
    Q_EMIT photosChanged();
}

template <typename Work>
bool VisitModel::write(Work work, const QString &done, const QString &field)
{
    return m_workspace && attempt([&] { m_workspace->record(work); }, done, field);
}

bool VisitModel::setInput(const QString &indicatorCode, const QString &input)
{
    return write([&](sync::FieldRecorder &r) { r.recordScore(m_unitCode, indicatorCode, input, ScoreKind::Rater); },
                 tr("已保存指标 %1 的评分").arg(indicatorCode), QStringLiteral("item:") + indicatorCode);
}

bool VisitModel::checkIn(double latitude, double longitude, double accuracy, bool hasFix)
{
    std::optional<Position> position;
    if (hasFix)
        position = Position{latitude, longitude, accuracy > 0 ? std::optional<double>(accuracy) : std::nullopt};
    // Checking in again (a better fix, or inside the radius) starts a new visit; the notes
    // already written go with it, as the page shows only the latest visit.
    const QString notes = m_notes;
    return write([&](sync::FieldRecorder &r) { r.recordVisit(m_siteCode, notes, position); }, tr("已签到"));
}

void VisitModel::describeVisit(const sync::FieldQueries::VisitRow &v, const Site &site, const PresenceRule &presence)
{
    const QString when = localTime(v.checkedInAt);
    const QString accuracy = v.position && v.position->accuracyMeters
                                 ? tr("，精度约 %1 米").arg(qRound(*v.position->accuracyMeters))
                                 : QString();
    if (!v.position) {
        m_checkInText = tr("已签到 %1，未取得定位").arg(when);
        m_checkInOutside = site.latitude.has_value();
    } else if (!v.distanceMeters) {
        m_checkInText = tr("已签到 %1，位置 %2, %3%4（点位没有坐标，无法核对距离）")
                            .arg(when, QString::number(v.position->latitude, 'f', 5),
                                 QString::number(v.position->longitude, 'f', 5), accuracy);
    } else {
        const double metres = *v.distanceMeters;
        // Tenths of a kilometre only where they mean something: "1145 公里", not "1145.0".
        const QString distance = metres >= 1000 ? tr("%1 公里").arg(metres / 1000, 0, 'f', metres >= 10000 ? 0 : 1)
                                                : tr("%1 米").arg(qRound(metres));
        m_checkInOutside = metres > presence.radiusMeters;
        m_checkInText = m_checkInOutside
                            ? tr("已签到 %1，距点位 %2%3，超出 %4 米签到范围").arg(when, distance, accuracy).arg(presence.radiusMeters)
                            : tr("已签到 %1，距点位 %2%3，在签到范围内").arg(when, distance, accuracy);
    }
    if (presence.checkInRequired && m_checkInOutside)
        m_checkInText += tr("；本次考评要求在点位 %1 米内签到才能评分，请到点位重新签到").arg(presence.radiusMeters);
    if (v.checkedOutAt.isValid()) {
        const qint64 minutes = qMax<qint64>(0, v.checkedInAt.secsTo(v.checkedOutAt)) / 60;
        const QString length = minutes >= 60 ? tr("%1 小时 %2 分").arg(minutes / 60).arg(minutes % 60)
                                             : tr("%1 分钟").arg(minutes);
        m_checkOutText = tr("已签退 %1，停留 %2").arg(localTime(v.checkedOutAt), length);
    }
}

bool VisitModel::checkOut()
{
    if (m_visitId.isEmpty()) {
        setMessage(tr("请先签到"), true);
        return false;
    }
    const QString visitId = m_visitId;
    return write([&](sync::FieldRecorder &r) { r.checkOut(visitId); }, tr("已签退"));
}

void VisitModel::checkInHere()
{
    if (!m_position) {
        checkIn(0, 0, 0, false);
        return;
    }
    setMessage(tr("正在定位……"));
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_position, &platform::PositionSource::fixReady, this,
                          [this, connection](const std::optional<Position> &fix, const QString &errorText) {
                              disconnect(*connection);
                              const bool ok = fix ? checkIn(fix->latitude, fix->longitude,
                                                            fix->accuracyMeters.value_or(0), true)
                                                  : checkIn(0, 0, 0, false);
                              if (ok && !fix)
                                  setMessage(tr("已签到（未取得定位：%1）").arg(errorText));
                          });
    m_position->requestFix();
}

bool VisitModel::addPhoto(const QString &file, const QString &indicatorCode)
{
    const QString path = file.startsWith(QLatin1String("file:")) ? QUrl(file).toLocalFile() : file;
    // Picked from storage: marked as picked, with the time and place its EXIF says.
    const PhotoCapture capture = platform::pickedPhotoCapture(path);
    return write([&](sync::FieldRecorder &r) { r.recordCapturedPhoto(path, m_unitCode, capture, indicatorCode, m_visitId); },
                 capture.originalAt.isValid()
                     ? tr("照片已保存（相册选取，原始拍摄时间 %1）").arg(QLocale().toString(capture.originalAt.toLocalTime(), QLocale::ShortFormat))
                     : tr("照片已保存（相册选取，没有原始拍摄时间）"));
}

bool VisitModel::setNotes(const QString &notes)
{
    if (m_visitId.isEmpty()) {
        setMessage(tr("请先签到，再填写查看记录"), true, QStringLiteral("notes"));
        return false;
    }
    if (notes.trimmed() == m_notes)
        return true;
    const QString visitId = m_visitId;
    return write([&](sync::FieldRecorder &r) { r.updateVisitNotes(visitId, notes); }, tr("查看记录已保存"),
                 QStringLiteral("notes"));
}

bool VisitModel::addFinding(const QString &kind, const QString &description, const QString &suggestion,
                            const QString &indicatorCode, const QStringList &photoIds)
{
    Finding draft;
    draft.unitCode = m_unitCode;
    draft.siteCode = m_siteCode;
    draft.indicatorCode = indicatorCode;
    draft.kind = findingKindFromName(kind).value_or(FindingKind::Problem);
    draft.description = description.trimmed();
    draft.suggestion = suggestion.trimmed();
    draft.photoIds = photoIds;
    if (!checkFinding(draft.description, draft.suggestion, QStringLiteral("finding")))
        return false;
    return write([&](sync::FieldRecorder &r) { r.recordFinding(draft); }, findingKindText(draft.kind),
                 QStringLiteral("finding"));
}

bool VisitModel::addHighlight(const QString &title, const QString &description)
{
    Highlight draft;
    draft.unitCode = m_unitCode;
    draft.siteCode = m_siteCode;
    draft.title = title.trimmed();
    draft.description = description.trimmed();
    if (draft.title.isEmpty()) {
        setMessage(tr("请填写亮点标题"), true, QStringLiteral("highlight"));
        return false;
    }
    return write([&](sync::FieldRecorder &r) { r.recordHighlight(draft); }, tr("已记录亮点"),
                 QStringLiteral("highlight"));
}

bool VisitModel::updateFinding(const QString &id, const QString &kind, const QString &description,
                               const QString &suggestion, const QString &indicatorCode, const QStringList &photoIds)
{
    Finding draft;
    draft.indicatorCode = indicatorCode;
    draft.kind = findingKindFromName(kind).value_or(FindingKind::Problem);
    draft.description = description;
    draft.suggestion = suggestion;
    draft.photoIds = photoIds;
    if (!checkFinding(description, suggestion, QStringLiteral("finding")))
        return false;
    return edit([&](sync::FieldRecordEdits &e) { e.updateFinding(id, draft); }, tr("已修改问题"),
                QStringLiteral("finding"));
}

bool VisitModel::checkFinding(const QString &description, const QString &suggestion, const QString &field)
{
    // Checked here, not in the shared policy: HQ still takes older findings without one.
    if (description.trimmed().isEmpty())
        setMessage(tr("请填写问题描述"), true, field);
    else if (suggestion.trimmed().isEmpty())
        setMessage(tr("请填写对策建议：每个问题都要写明怎样整改"), true, field);
    else
        return true;
    return false;
}

bool VisitModel::updateHighlight(const QString &id, const QString &title, const QString &description)
{
    return edit([&](sync::FieldRecordEdits &e) { e.updateHighlight(id, title, description); }, tr("已修改亮点"),
                QStringLiteral("highlight"));
}

bool VisitModel::deleteFinding(const QString &id)
{
    return edit([&](sync::FieldRecordEdits &e) { e.remove(QStringLiteral("finding"), id); }, tr("已删除问题"));
}

bool VisitModel::deleteHighlight(const QString &id)
{
    return edit([&](sync::FieldRecordEdits &e) { e.remove(QStringLiteral("highlight"), id); }, tr("已删除亮点"));
}

bool VisitModel::deletePhoto(const QString &id)
{
    return edit([&](sync::FieldRecordEdits &e) { e.remove(QStringLiteral("photo"), id); }, tr("已删除照片"));
}

bool VisitModel::deleteVisit()
{
    if (m_visitId.isEmpty())
        return false;
    const QString visitId = m_visitId;
    return edit([&](sync::FieldRecordEdits &e) { e.remove(QStringLiteral("visit"), visitId); }, tr("已撤销本次签到"));
}

template <typename Work>
bool VisitModel::edit(Work work, const QString &done, const QString &field)
{
    return m_workspace && attempt([&] { m_workspace->edit(work); }, done, field);
}

// Runs one write through the workspace: a refusal or failure becomes the page's message,
// a success says `done` and reloads the page.
template <typename Apply>
bool VisitModel::attempt(Apply apply, const QString &done, const QString &field)
{
    try {
        apply();
    } catch (const sync::FieldError &e) {
        setMessage(e.message(), true, field);
        return false;
    } catch (const std::exception &e) {
        setMessage(tr("保存失败：%1").arg(QString::fromUtf8(e.what())), true, field);
        return false;
    }
    setMessage(done, false, field);
    reload();
    return true;
}

} // namespace onsite::app
