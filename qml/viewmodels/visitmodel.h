#pragma once

#include "domain/campaign.h"
#include "client/store/fieldqueries.h"
#include "domain/site.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

namespace onsite::sync {
class FieldWorkspace;
} // namespace onsite::sync
namespace onsite::platform {
class PhotoSource;
class PositionSource;
} // namespace onsite::platform
Q_MOC_INCLUDE("client/fieldworkspace.h")
Q_MOC_INCLUDE("platform/photosource.h")
Q_MOC_INCLUDE("platform/positionsource.h")

namespace onsite::app {

// One site visit (实地查看): the site, check-in, the items checked there with the
// person's current input and score, photos, findings and highlights. Every edit is
// written to the device store at once (with its outbox entry) and a sync is nudged.
// QML gives it the workspace and the device's position and photo sources; it loads once
// it has the workspace and a site.
class VisitModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onsite::sync::FieldWorkspace *workspace READ workspace WRITE setWorkspace NOTIFY workspaceChanged)
    Q_PROPERTY(onsite::platform::PositionSource *positionSource READ positionSource WRITE setPositionSource
                   NOTIFY workspaceChanged)
    Q_PROPERTY(onsite::platform::PhotoSource *photoSource READ photoSource WRITE setPhotoSource NOTIFY cameraChanged)
    Q_PROPERTY(QString siteCode READ siteCode WRITE setSiteCode NOTIFY siteChanged)
    Q_PROPERTY(QString siteName READ siteName NOTIFY siteChanged)
    Q_PROPERTY(QString siteType READ siteType NOTIFY siteChanged)
    Q_PROPERTY(QString unitCode READ unitCode NOTIFY siteChanged)
    Q_PROPERTY(QString unitName READ unitName NOTIFY siteChanged)
    Q_PROPERTY(QString category READ category NOTIFY siteChanged)
    Q_PROPERTY(bool scorable READ scorable NOTIFY siteChanged) // false for the home unit (回避)
    // The leader submitted the unit (提交): its scores are locked, evidence can still be added.
    Q_PROPERTY(bool submitted READ submitted NOTIFY contentChanged)
    Q_PROPERTY(bool checkedIn READ checkedIn NOTIFY contentChanged)
    Q_PROPERTY(QString visitId READ visitId NOTIFY contentChanged) // the latest visit's; names its notes' draft
    Q_PROPERTY(QString notes READ notes NOTIFY contentChanged) // of the person's latest visit here
    Q_PROPERTY(QVariantList items READ items NOTIFY contentChanged) // 核查指标 of this site
    // The unit's items no site of it checks (资料、座谈): scored at whichever site the
    // person checked in, since a rater gives one score per unit and item.
    Q_PROPERTY(QVariantList unitItems READ unitItems NOTIFY contentChanged)
    Q_PROPERTY(QString checkInText READ checkInText NOTIFY contentChanged)
    // Beyond the campaign's check-in radius, or no fix where the site has coordinates.
    Q_PROPERTY(bool checkInOutsideRadius READ checkInOutsideRadius NOTIFY contentChanged)
    Q_PROPERTY(QString checkOutText READ checkOutText NOTIFY contentChanged) // "" until checked out
    Q_PROPERTY(bool canCheckOut READ canCheckOut NOTIFY contentChanged)
    // Own signal: upload state changes during sync, and a refresh must not rebuild the item cards.
    Q_PROPERTY(QVariantList photos READ photos NOTIFY photosChanged)
    Q_PROPERTY(QVariantList findings READ findings NOTIFY contentChanged)
    Q_PROPERTY(QVariantList highlights READ highlights NOTIFY contentChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    // The message says why something was not saved (shown in red), not that it was.
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
    // The field the message is about ("notes", "item:2.1", "finding", "highlight"), so the
    // page shows it there; empty: about the page (check-in, photos).
    Q_PROPERTY(QString messageField READ messageField NOTIFY messageChanged)
    Q_PROPERTY(bool hasCamera READ hasCamera NOTIFY cameraChanged)

public:
    explicit VisitModel(QObject *parent = nullptr) : QObject(parent) {}

    sync::FieldWorkspace *workspace() const;
    void setWorkspace(sync::FieldWorkspace *workspace);
    platform::PositionSource *positionSource() const;
    void setPositionSource(platform::PositionSource *source);
    platform::PhotoSource *photoSource() const;
    void setPhotoSource(platform::PhotoSource *source);

    QString siteCode() const { return m_siteCode; }
    void setSiteCode(const QString &code);
    QString siteName() const { return m_siteName; }
    QString siteType() const { return m_siteType; }
    QString unitCode() const { return m_unitCode; }
    QString unitName() const { return m_unitName; }
    QString category() const { return m_category; }
    bool scorable() const { return m_scorable; }
    bool submitted() const { return m_submitted; }
    bool checkedIn() const { return !m_visitId.isEmpty(); }
    QString visitId() const { return m_visitId; }
    QString notes() const { return m_notes; }
    QVariantList items() const { return m_items; }
    QVariantList unitItems() const { return m_unitItems; }
    QString checkInText() const { return m_checkInText; }
    bool checkInOutsideRadius() const { return m_checkInOutside; }
    QString checkOutText() const { return m_checkOutText; }
    bool canCheckOut() const { return !m_visitId.isEmpty() && m_checkOutText.isEmpty(); }
    QVariantList photos() const { return m_photos; }
    QVariantList findings() const { return m_findings; }
    QVariantList highlights() const { return m_highlights; }
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }
    QString messageField() const { return m_messageField; }
    bool hasCamera() const;

    // Saves the input for an item; returns true when stored (message says why not).
    Q_INVOKABLE bool setInput(const QString &indicatorCode, const QString &input);
    Q_INVOKABLE bool checkIn(double latitude, double longitude, double accuracy, bool hasFix);
    // Asks the platform for a fix (works without one) and checks in with what it gets.
    Q_INVOKABLE void checkInHere();
    // 签退 of the latest visit here; the visit's length goes to HQ.
    Q_INVOKABLE bool checkOut();
    Q_INVOKABLE bool addPhoto(const QString &file, const QString &indicatorCode);
    // Takes a photo with the platform's camera; it is saved like a picked one.
    Q_INVOKABLE void takePhoto(const QString &indicatorCode);
    Q_INVOKABLE void setCameraPreview(QObject *videoOutput);
    Q_INVOKABLE bool setNotes(const QString &notes);
    // `photoIds`: photos of this unit shown with the finding as its evidence.
    Q_INVOKABLE bool addFinding(const QString &kind, const QString &description, const QString &suggestion,
                                const QString &indicatorCode, const QStringList &photoIds = {});
    Q_INVOKABLE bool addHighlight(const QString &title, const QString &description);
    // Changes and deletes of one's own findings, highlights and photos, until the unit is
    // submitted; a delete reaches HQ as a tombstone.
    Q_INVOKABLE bool updateFinding(const QString &id, const QString &kind, const QString &description,
                                   const QString &suggestion, const QString &indicatorCode,
                                   const QStringList &photoIds = {});
    Q_INVOKABLE bool updateHighlight(const QString &id, const QString &title, const QString &description);
    Q_INVOKABLE bool deleteFinding(const QString &id);
    Q_INVOKABLE bool deleteHighlight(const QString &id);
    Q_INVOKABLE bool deletePhoto(const QString &id);
    // Withdraws the person's check-in here (a mistaken one): refused once photos name
    // the visit or the unit is submitted.
    Q_INVOKABLE bool deleteVisit();
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void workspaceChanged();
    void siteChanged();
    void contentChanged();
    void photosChanged();
    void messageChanged();
    void cameraChanged();
    void photoTaken(); // a capture was saved (or failed: see message)

private:
    // Check-in (distance against the campaign's radius) and check-out texts of a visits row.
    void describeVisit(const sync::FieldQueries::VisitRow &visit, const Site &site, const PresenceRule &presence);
    // `field`: where the page shows the outcome (see messageField).
    template <typename Work>
    bool write(Work work, const QString &done, const QString &field = {});
    template <typename Work>
    bool edit(Work work, const QString &done, const QString &field = {});
    template <typename Apply>
    bool attempt(Apply apply, const QString &done, const QString &field);
    void setMessage(const QString &message, bool error = false, const QString &field = {});
    // Description and suggestion both given (DOMAIN.md: each finding has a 对策建议).
    bool checkFinding(const QString &description, const QString &suggestion, const QString &field);
    QVariantList queryPhotos() const; // this unit's photos with their upload state
    void connectCamera();

    QPointer<sync::FieldWorkspace> m_workspace;
    QPointer<platform::PositionSource> m_position;
    QPointer<platform::PhotoSource> m_photoSource;
    bool m_checkInOutside = false;
    bool m_messageIsError = false;
    QString m_checkOutText;
    QString m_siteCode, m_siteName, m_siteType, m_unitCode, m_unitName, m_category, m_checkInText, m_message,
        m_visitId, m_notes, m_cameraIndicator, m_account, m_messageField;
    bool m_scorable = false, m_submitted = false;
    QVariantList m_items, m_unitItems, m_photos, m_findings, m_highlights;
};

} // namespace onsite::app
