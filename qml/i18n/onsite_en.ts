<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../components/FindingDialog.qml" line="13"/>
        <source>记录亮点 / 典型经验</source>
        <translation>Record highlight / typical experience</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="13"/>
        <source>记录问题</source>
        <translation>Record finding</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="38"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="38"/>
        <source>短板</source>
        <translation>Shortcoming</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="39"/>
        <source>弱项</source>
        <translation>Weakness</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="46"/>
        <source>（不关联指标）</source>
        <translation>(No linked indicator)</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="53"/>
        <source>亮点标题</source>
        <translation>Highlight title</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="53"/>
        <source>问题描述：实地看到了什么</source>
        <translation>Description: what you saw on site</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="61"/>
        <source>做法与成效，可复制、可推广之处</source>
        <translation>Practice and results: what can be replicated and promoted</translation>
    </message>
    <message>
        <location filename="../components/FindingDialog.qml" line="61"/>
        <source>对策建议</source>
        <translation>Suggestion</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../pages/HomePage.qml" line="24"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../pages/HomePage.qml" line="31"/>
        <source>搜索单位名称、编码或类别</source>
        <translation>Search unit name, code or category</translation>
    </message>
    <message>
        <location filename="../pages/HomePage.qml" line="73"/>
        <source>🔒 回避</source>
        <translation>🔒 Conflict of interest</translation>
    </message>
    <message>
        <location filename="../pages/HomePage.qml" line="78"/>
        <source>已评 %1 / %2 项 · %3 个点位</source>
        <translation>Scored %1 / %2 items · %3 sites</translation>
    </message>
    <message>
        <location filename="../pages/HomePage.qml" line="85"/>
        <source>%1 张照片待上传</source>
        <translation>Photos to upload: %1</translation>
    </message>
    <message>
        <location filename="../pages/HomePage.qml" line="99"/>
        <source>没有符合“%1”的单位</source>
        <translation>No units match “%1”</translation>
    </message>
    <message>
        <location filename="../pages/HomePage.qml" line="100"/>
        <source>尚无考评单位。请联网同步以下载本组的考评设置。</source>
        <translation>No units to assess yet. Go online and sync to download your group&apos;s campaign setup.</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <location filename="../components/ItemCard.qml" line="31"/>
        <source>%1 · %2 分</source>
        <translation>%1 · %2 pts</translation>
    </message>
    <message>
        <location filename="../components/ItemCard.qml" line="41"/>
        <source>佐证材料：%1 · 核查方式：%2</source>
        <translation>Evidence: %1 · How checked: %2</translation>
    </message>
    <message>
        <location filename="../components/ItemCard.qml" line="59"/>
        <source>本组已有 %1 人评分</source>
        <translation>Scored by %1 in this group</translation>
    </message>
    <message>
        <location filename="../components/ItemCard.qml" line="65"/>
        <source>拍照取证</source>
        <translation>Take evidence photo</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="11"/>
        <source>现场考评</source>
        <translation>Onsite Assessment</translation>
    </message>
</context>
<context>
    <name>ScoreInput</name>
    <message>
        <location filename="../components/ScoreInput.qml" line="72"/>
        <source>%1（%2 分）</source>
        <translation>%1 (%2 pts)</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="83"/>
        <source>%1（每项 %2 分）</source>
        <translation>%1 (%2 pts each)</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="101"/>
        <source>核实数值</source>
        <translation>Verified value</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="111"/>
        <source>发现问题次数</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="125"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="133"/>
        <source>是（否决）</source>
        <translation>Yes (veto)</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="143"/>
        <source>确认一票否决</source>
        <translation>Confirm veto</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="149"/>
        <source>一票否决会使该单位等次为“较差”并排在所有单位之后。确认存在该情形？</source>
        <translation>A veto sets this unit&apos;s grade to “Poor” and ranks it after all other units. Confirm that this applies?</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="159"/>
        <source>一票否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="159"/>
        <source>得分 %1 / %2</source>
        <translation>Score %1 / %2</translation>
    </message>
    <message>
        <location filename="../components/ScoreInput.qml" line="160"/>
        <source>未评</source>
        <translation>Not scored</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../pages/SettingsPage.qml" line="18"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="19"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="29"/>
        <source>语言 / Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="42"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="43"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="44"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="45"/>
        <source>%1（%2，%3）</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="48"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="70"/>
        <source>丢弃未同步的更改？</source>
        <translation>Discard unsynced changes?</translation>
    </message>
    <message>
        <location filename="../pages/SettingsPage.qml" line="77"/>
        <source>本机还有 %1 条更改没有到达总部。退出并丢弃后无法恢复。建议先联网同步。</source>
        <translation>This device still has %1 change(s) that have not reached HQ. Once you sign out and discard them, they cannot be recovered. Go online and sync first.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../pages/SignInPage.qml" line="22"/>
        <source>现场考评</source>
        <translation>Onsite Assessment</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="28"/>
        <source>组织工作量化考评 · 检查组平板</source>
        <translation>Quantified Assessment of Organization Work · Group Tablet</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="36"/>
        <source>服务器地址，例如 https://hq.example.cn:8443</source>
        <translation>Server address, e.g. https://hq.example.cn:8443</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="44"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="52"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="61"/>
        <source>正在登录……</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="61"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../pages/SignInPage.qml" line="89"/>
        <source>首次登录需要联网，会下载本组的考评设置；之后离线也能直接进入。</source>
        <translation>The first sign-in needs a network connection to download your group&apos;s campaign setup; after that you can sign in offline.</translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message>
        <location filename="../components/SyncBar.qml" line="23"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../components/SyncBar.qml" line="23"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../components/SyncBar.qml" line="41"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../components/SyncBar.qml" line="47"/>
        <source>同步详情</source>
        <translation>Sync details</translation>
    </message>
    <message>
        <location filename="../components/SyncBar.qml" line="52"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../pages/SyncPage.qml" line="16"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="17"/>
        <source>同步详情</source>
        <translation>Sync details</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="20"/>
        <source>正在同步……</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="20"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="37"/>
        <source>网络</source>
        <translation>Network</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="38"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="38"/>
        <source>离线（联网后自动同步）</source>
        <translation>Offline (syncs automatically when online)</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="39"/>
        <source>待同步更改</source>
        <translation>Changes to sync</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="40"/>
        <source>%1 条</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="41"/>
        <source>待上传照片</source>
        <translation>Photos to upload</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="42"/>
        <source>%1 张</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="43"/>
        <source>上次成功同步</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="45"/>
        <source>最近的错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="47"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="61"/>
        <source>被拒绝或冲突的更改（%1）</source>
        <translation>Rejected or conflicting changes (%1)</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="76"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="76"/>
        <source>被拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../pages/SyncPage.qml" line="86"/>
        <source>没有被拒绝或冲突的更改</source>
        <translation>No rejected or conflicting changes</translation>
    </message>
</context>
<context>
    <name>UnitOverview</name>
    <message>
        <location filename="../components/UnitOverview.qml" line="18"/>
        <source>本组当前合计 %1 分 · 我还有 %2 项未评</source>
        <translation>Group total: %1 pts · %2 items left for me</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="42"/>
        <source>组长核定 %1 分：%2</source>
        <translation>Leader&apos;s final value %1 pts: %2</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="43"/>
        <source>%1 · %2 分</source>
        <translation>%1 · %2 pts</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="51"/>
        <source>我：%1</source>
        <translation>Mine: %1</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="51"/>
        <source>我：未评</source>
        <translation>Mine: not scored</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="58"/>
        <source>本组 %1（%2 人）</source>
        <translation>Group %1 (%2 raters)</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="58"/>
        <source>本组未评</source>
        <translation>Group: not scored</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="63"/>
        <source>核定</source>
        <translation>Set final value</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="74"/>
        <source>组长核定指标 %1</source>
        <translation>Final value for indicator %1</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="86"/>
        <source>核定分值（一票否决项填“是”或“否”）</source>
        <translation>Final value (veto items: “是” = yes, “否” = no)</translation>
    </message>
    <message>
        <location filename="../components/UnitOverview.qml" line="92"/>
        <source>核定理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../pages/UnitPage.qml" line="23"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../pages/UnitPage.qml" line="38"/>
        <source>点位</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../pages/UnitPage.qml" line="39"/>
        <source>指标总览</source>
        <translation>Indicator overview</translation>
    </message>
    <message>
        <location filename="../pages/UnitPage.qml" line="74"/>
        <source>%1 · 核查指标 %2</source>
        <translation>%1 · Indicators checked: %2</translation>
    </message>
    <message>
        <location filename="../pages/UnitPage.qml" line="79"/>
        <source>已评 %1/%2</source>
        <translation>Scored %1/%2</translation>
    </message>
    <message>
        <location filename="../pages/UnitPage.qml" line="88"/>
        <source>本单位没有点位</source>
        <translation>This unit has no sites</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../pages/VisitPage.qml" line="19"/>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="23"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="28"/>
        <source>重新签到</source>
        <translation>Check in again</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="28"/>
        <source>签到</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="38"/>
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="39"/>
        <source>图片 (*.jpg *.jpeg *.png *.webp *.heic)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.heic)</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="63"/>
        <source>回避：您来自本单位，不能为其评分。</source>
        <translation>Conflict of interest: you belong to this unit and cannot score it.</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="64"/>
        <source>尚未签到：到达点位后请先签到。</source>
        <translation>Not checked in yet: check in when you arrive at the site.</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="90"/>
        <source>照片（%1）</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="91"/>
        <source>添加照片</source>
        <translation>Add photo</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="101"/>
        <source>待上传 </source>
        <translation>Pending upload </translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="107"/>
        <source>问题（%1）</source>
        <translation>Findings (%1)</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="108"/>
        <source>记录问题</source>
        <translation>Record finding</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="115"/>
        <source>【%1】%2 — 建议：%3</source>
        <translation>[%1] %2 — Suggestion: %3</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="121"/>
        <source>亮点（%1）</source>
        <translation>Highlights (%1)</translation>
    </message>
    <message>
        <location filename="../pages/VisitPage.qml" line="122"/>
        <source>记录亮点</source>
        <translation>Record highlight</translation>
    </message>
</context>
</TS>
