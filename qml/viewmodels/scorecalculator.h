#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

namespace onsite::app {

// The live score of one input, for the scoring input components: the same rules and
// the same engine code as HQ, so what the inspector sees is what HQ will compute.
class ScoreCalculator : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString method MEMBER m_method NOTIFY changed)     // 等次评价, 逐项核查, …
    Q_PROPERTY(QString rule MEMBER m_rule NOTIFY changed)         // 计分标准 text
    Q_PROPERTY(QString maxScore MEMBER m_maxScore NOTIFY changed) // 分值
    Q_PROPERTY(QString category MEMBER m_category NOTIFY changed) // the unit's category
    Q_PROPERTY(QString input MEMBER m_input NOTIFY changed)
    Q_PROPERTY(QString final MEMBER m_final NOTIFY changed) // "true": a leader's final value
    // An input was saved for the item. An empty checklist or bonus input is "none held"
    // (0 分) only once recorded; before that the item is 未评, not 0.00.
    Q_PROPERTY(bool recorded MEMBER m_recorded NOTIFY changed)
    Q_PROPERTY(bool valid READ valid NOTIFY changed)
    Q_PROPERTY(QString points READ points NOTIFY changed) // "3.20", or "" when invalid/empty
    Q_PROPERTY(bool vetoTriggered READ vetoTriggered NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QStringList options READ options NOTIFY changed) // levels, checklist or bonus items
    Q_PROPERTY(QStringList optionPoints READ optionPoints NOTIFY changed)
    Q_PROPERTY(QString target READ target NOTIFY changed) // threshold: "满分 ≥ 12%，零分 ≤ 0%"
    Q_PROPERTY(QString bonusCap READ bonusCap NOTIFY changed)

public:
    explicit ScoreCalculator(QObject *parent = nullptr);

    bool valid() const { return m_valid; }
    QString points() const { return m_points; }
    bool vetoTriggered() const { return m_veto; }
    QString error() const { return m_error; }
    QStringList options() const { return m_options; }
    QStringList optionPoints() const { return m_optionPoints; }
    QString target() const { return m_target; }
    QString bonusCap() const { return m_bonusCap; }

Q_SIGNALS:
    void changed();

private:
    void recompute();

    QString m_method, m_rule, m_maxScore, m_category, m_input, m_final;
    bool m_valid = false;
    bool m_veto = false;
    bool m_recorded = true;
    QString m_points, m_error, m_target, m_bonusCap;
    QStringList m_options, m_optionPoints;
    bool m_computing = false;
};

} // namespace onsite::app
