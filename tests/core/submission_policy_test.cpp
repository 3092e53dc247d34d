// The one rule for who may submit (提交) or reopen (撤回提交) a unit, asked by the device and
// by HQ: each refusal has its reason code and one message, the same on both sides.
#include "import/campaignimporter.h"
#include "policy/fieldrecordpolicy.h"
#include "policy/rolescope.h"
#include "policy/submissionpolicy.h"

#include "testsupport.h"

#include <gtest/gtest.h>

namespace onsite {
namespace {

class SubmissionPolicyTest : public ::testing::Test
{
protected:
    void SetUp() override { setup = CampaignImporter::importFiles(test::sampleCampaignFiles()); }

    QString decide(const char *account, const QString &unit, bool locked, const QString &note = {},
                   const QStringList &unscored = {}, QString *message = nullptr)
    {
        const Person &person = *setup.person(QString::fromLatin1(account));
        const QStringList units = unitsCoveredBy(setup, person);
        const QSet<QString> scope(units.cbegin(), units.cend());
        const SubmissionPolicy policy(setup, person, scope);
        const SubmissionRequest request{unit, locked, note, unscored};
        const SubmissionRefusal refusal = policy.decide(request);
        if (message)
            *message = policy.message(refusal, request);
        return refusal == SubmissionRefusal::None ? QStringLiteral("ok")
                                                  : submissionRefusalCode(refusal);
    }

    // The sample's leaders come from no unit; group 3's leader is made one from `unit`.
    void leaderFrom(const QString &unit)
    {
        for (Person &person : setup.people)
            if (person.account == QLatin1String("g3.xu"))
                person.homeUnitCode = unit;
    }

    CampaignSetup setup;
};

TEST_F(SubmissionPolicyTest, EachRuleHasItsReasonCode)
{
    const QString dc = QStringLiteral("DC");
    EXPECT_EQ(decide("g1.li", dc, true), QStringLiteral("ok"));
    EXPECT_EQ(decide("g1.li", dc, false, QStringLiteral("补录一项")), QStringLiteral("ok"));
    EXPECT_EQ(decide("kpb.admin", QStringLiteral("LL"), true), QStringLiteral("ok"))
        << "HQ submits any unit";
    EXPECT_EQ(decide("g1.li", QStringLiteral("NOPE"), true), QStringLiteral("unknown_unit"));
    EXPECT_EQ(decide("dc.liaison", dc, true), QStringLiteral("forbidden_role"));
    EXPECT_EQ(decide("g1.li", QStringLiteral("LL"), true), QStringLiteral("out_of_scope"))
        << "group 2's unit";
    EXPECT_EQ(decide("g1.zhang", dc, true), QStringLiteral("not_leader"));
    EXPECT_EQ(decide("g1.zhang", dc, false, QStringLiteral("理由")), QStringLiteral("not_leader"));
    leaderFrom(QStringLiteral("XC"));
    EXPECT_EQ(decide("g3.xu", QStringLiteral("XC"), true), QStringLiteral("conflict_of_interest"))
        << "回避";
    EXPECT_EQ(decide("g1.li", dc, true, {}, {QStringLiteral("1.1"), QStringLiteral("1.2")}),
              QStringLiteral("incomplete"));
    EXPECT_EQ(decide("g1.li", dc, false), QStringLiteral("reason_required"));
    EXPECT_EQ(decide("g1.li", dc, false, QStringLiteral("   ")), QStringLiteral("reason_required"));
}

TEST_F(SubmissionPolicyTest, TheCurrentStateRefusesWhatWouldChangeNothing)
{
    const UnitSubmission locked{
        QStringLiteral("s"), QStringLiteral("DC"), true, QStringLiteral("g1.li"), {}, {}};
    UnitSubmission open = locked;
    open.locked = false;
    const SubmissionRequest submit{QStringLiteral("DC"), true, {}, {}};
    const SubmissionRequest reopen{QStringLiteral("DC"), false, QStringLiteral("补录"), {}};
    EXPECT_EQ(SubmissionPolicy::stateRefusal(submit, std::nullopt), SubmissionRefusal::None);
    EXPECT_EQ(SubmissionPolicy::stateRefusal(submit, open), SubmissionRefusal::None);
    EXPECT_EQ(SubmissionPolicy::stateRefusal(submit, locked), SubmissionRefusal::AlreadySubmitted);
    EXPECT_EQ(SubmissionPolicy::stateRefusal(reopen, locked), SubmissionRefusal::None);
    EXPECT_EQ(SubmissionPolicy::stateRefusal(reopen, open), SubmissionRefusal::NotSubmitted);
    EXPECT_EQ(SubmissionPolicy::stateRefusal(reopen, std::nullopt),
              SubmissionRefusal::NotSubmitted);
    EXPECT_EQ(submissionRefusalCode(SubmissionRefusal::AlreadySubmitted),
              QStringLiteral("already_submitted"));
    EXPECT_EQ(submissionRefusalCode(SubmissionRefusal::NotSubmitted),
              QStringLiteral("not_submitted"));
}

TEST_F(SubmissionPolicyTest, MessagesNameWhatIsWrong)
{
    QString message;
    decide("g1.li", QStringLiteral("DC"), true, {},
           QStringLiteral("1.1,1.2,2.1,2.2,2.3,3.1,3.2").split(QLatin1Char(',')), &message);
    EXPECT_TRUE(message.contains(QStringLiteral("7 项"))) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("1.1、1.2"))) << message.toStdString();
    EXPECT_FALSE(message.contains(QStringLiteral("3.2"))) << "at most five items are named";
    leaderFrom(QStringLiteral("XC"));
    decide("g3.xu", QStringLiteral("XC"), true, {}, {}, &message);
    EXPECT_TRUE(message.startsWith(QStringLiteral("回避"))) << message.toStdString();
    decide("g1.li", QStringLiteral("DC"), false, {}, {}, &message);
    EXPECT_EQ(message, QStringLiteral("撤回提交必须写明理由"));
    decide("g1.li", QStringLiteral("ok-unit"), true, {}, {}, &message);
    EXPECT_TRUE(message.contains(QStringLiteral("ok-unit"))) << message.toStdString();
}

// Deleting and changing stored records (FieldRecordPolicy), asked by the device before
// a tombstone is queued and by HQ when one arrives.
class RecordPolicyTest : public SubmissionPolicyTest
{
protected:
    QString deleteAs(const char *account, const StoredRecord &record)
    {
        const Person &person = *setup.person(QString::fromLatin1(account));
        const QStringList units = unitsCoveredBy(setup, person);
        const QSet<QString> scope(units.cbegin(), units.cend());
        const RecordRefusal refusal = FieldRecordPolicy(person, scope).decideDelete(record);
        return refusal == RecordRefusal::None ? QStringLiteral("ok") : recordRefusalCode(refusal);
    }
    static StoredRecord record(const char *entity, const char *unit = "DC",
                               const char *author = "g1.zhang")
    {
        return {QString::fromLatin1(entity), QString::fromLatin1(unit),
                QString::fromLatin1(author)};
    }
};

TEST_F(RecordPolicyTest, DeletesHaveTheirReasonCodes)
{
    EXPECT_EQ(deleteAs("g1.zhang", record("visit")), QStringLiteral("ok"));
    EXPECT_EQ(deleteAs("g1.zhang", record("finding")), QStringLiteral("ok"));
    EXPECT_EQ(deleteAs("g1.zhang", record("score")), QStringLiteral("ok"));
    EXPECT_EQ(deleteAs("dc.liaison", record("finding", "DC", "dc.liaison")),
              QStringLiteral("forbidden_role"));
    EXPECT_EQ(deleteAs("g2.huang", record("visit", "DC", "g2.huang")),
              QStringLiteral("out_of_scope"));
    EXPECT_EQ(deleteAs("g3.hu", record("visit", "XC", "g3.hu")),
              QStringLiteral("conflict_of_interest"));
    EXPECT_EQ(deleteAs("g1.li", record("visit")), QStringLiteral("not_owner"));
    StoredRecord withPhotos = record("visit");
    withPhotos.visitHasPhotos = true;
    EXPECT_EQ(deleteAs("g1.zhang", withPhotos), QStringLiteral("not_deletable"));
    for (const char *entity : {"visit", "photo", "finding", "highlight", "score"}) {
        StoredRecord locked = record(entity);
        locked.unitLocked = true;
        EXPECT_EQ(deleteAs("g1.zhang", locked), QStringLiteral("unit_locked")) << entity;
        EXPECT_FALSE(FieldRecordPolicy::message(RecordRefusal::UnitLocked, locked).isEmpty());
    }
    StoredRecord evidence = record("photo");
    evidence.recheckEvidence = true;
    EXPECT_EQ(deleteAs("g1.zhang", evidence), QStringLiteral("not_deletable"));
    EXPECT_EQ(deleteAs("g1.li", record("submission", "DC", "g1.li")),
              QStringLiteral("not_deletable"));
    EXPECT_EQ(deleteAs("g1.zhang", record("recheck_result")), QStringLiteral("not_deletable"));
    EXPECT_EQ(FieldRecordPolicy::message(RecordRefusal::VisitHasPhotos, withPhotos),
              QStringLiteral("这次实地查看已有照片，不能删除"));
}

TEST_F(RecordPolicyTest, ChangesAreTheAuthorsStayInTheirUnitAndStopAtTheLockForEvidence)
{
    const Person &zhang = *setup.person(QStringLiteral("g1.zhang"));
    const QSet<QString> scope;
    const FieldRecordPolicy policy(zhang, scope);
    const QString dc = QStringLiteral("DC");
    EXPECT_EQ(policy.decideChange(record("finding"), QStringLiteral("g1.zhang"), dc), RecordRefusal::None);
    EXPECT_EQ(policy.decideChange(record("finding"), QStringLiteral("g1.li"), dc), RecordRefusal::NotOwner);
    EXPECT_EQ(policy.decideChange(record("photo"), QStringLiteral("g1.zhang"), QStringLiteral("BH")),
              RecordRefusal::UnitChanged);
    EXPECT_EQ(recordRefusalCode(RecordRefusal::UnitChanged), QStringLiteral("unit_changed"));
    EXPECT_TRUE(FieldRecordPolicy::message(RecordRefusal::UnitChanged, record("photo")).contains(dc));
    StoredRecord locked = record("highlight");
    locked.unitLocked = true;
    EXPECT_EQ(policy.decideChange(locked, QStringLiteral("g1.zhang"), dc), RecordRefusal::UnitLocked);
    locked.entity = QStringLiteral("photo"); // its image or item, after the submission
    EXPECT_EQ(policy.decideChange(locked, QStringLiteral("g1.zhang"), dc), RecordRefusal::UnitLocked);
    locked.entity = QStringLiteral("visit"); // a check-out or new notes after the submission
    EXPECT_EQ(policy.decideChange(locked, QStringLiteral("g1.zhang"), dc), RecordRefusal::None);
}

} // namespace
} // namespace onsite
