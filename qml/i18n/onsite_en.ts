<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../pages/AboutPage.qml" line="+16"/>
        <source>关于本机</source>
        <translation>About this tablet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>现场考评 %1</source>
        <translation>Onsite %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>联系考评办技术支持时，请提供下面的版本和设备编号。</source>
        <translation>When you contact HQ&apos;s support, give them the version and device id below.</translation>
    </message>
</context>
<context>
    <name>ApiTransport</name>
    <message>
        <location filename="../../sync/client/transport/apitransport.cpp" line="+30"/>
        <source>服务器 %1 在 %2 秒内没有响应</source>
        <translation>Server %1 did not respond within %2 seconds</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>无法连接服务器 %1（连接被拒绝）</source>
        <translation>Cannot connect to server %1 (connection refused)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>找不到服务器 %1（请检查地址和网络）</source>
        <translation>Server %1 not found (check the address and the network)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>服务器 %1 中断了连接</source>
        <translation>Server %1 closed the connection</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>连接服务器 %1 超时</source>
        <translation>Connection to server %1 timed out</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>与服务器 %1 的安全连接失败，证书不受信任（%2）</source>
        <translation>Secure connection to server %1 failed: certificate not trusted (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法连接服务器 %1：%2</source>
        <translation>Cannot connect to server %1: %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>无法从 %1 读取 CA 证书（需要 PEM 格式）</source>
        <translation>Cannot read a CA certificate from %1 (PEM format required)</translation>
    </message>
</context>
<context>
    <name>AppDialog</name>
    <message>
        <location filename="../components/AppDialog.qml" line="+12"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>丢弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AppPaths</name>
    <message>
        <location filename="../../platform/apppaths.cpp" line="+30"/>
        <source>无法确定应用数据目录（请设置环境变量 %1）</source>
        <translation>Cannot determine the app data folder (set the environment variable %1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法创建目录 %1</source>
        <translation>Cannot create folder %1</translation>
    </message>
</context>
<context>
    <name>BootstrapApplier</name>
    <message>
        <location filename="../../sync/client/store/bootstrapapplier.cpp" line="+105"/>
        <source>已失去单位 %1 的考评权限，这条未同步的记录已从本机移除</source>
        <translation>You no longer assess unit %1; this unsynced record was removed from the device</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../components/CameraDialog.qml" line="+14"/>
        <source>拍照：指标 %1</source>
        <translation>Take photo: indicator %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍摄</source>
        <translation>Capture</translation>
    </message>
</context>
<context>
    <name>ChangeApplier</name>
    <message>
        <location filename="../../sync/client/store/changeapplier.cpp" line="+114"/>
        <source>与他人的修改冲突，已采用服务器上的版本</source>
        <translation>Conflicts with someone else&apos;s change; the server&apos;s version was kept</translation>
    </message>
</context>
<context>
    <name>ConsoleNotice</name>
    <message>
        <location filename="../components/ConsoleNotice.qml" line="+29"/>
        <source>%1的工作在网页控制台中进行</source>
        <translation>As %1 you work in the web console</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>这台平板供检查组实地查看、评分和取证使用。请在电脑或手机的浏览器中打开下面的地址，用同一账号登录：</source>
        <translation>This tablet is for inspection groups on site visits. Open this address in a browser on a computer or phone and sign in with the same account:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>（服务器地址未知，请向考评办询问）</source>
        <translation>(server address unknown; ask the assessment office)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>在浏览器中打开</source>
        <translation>Open in browser</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>如需换成检查组账号，请在“设置”中退出登录。</source>
        <translation>To use an inspection group account, sign out in Settings.</translation>
    </message>
</context>
<context>
    <name>DeviceStore</name>
    <message>
        <location filename="../../sync/client/store/devicestore.cpp" line="+28"/>
        <source>无法创建数据目录 %1</source>
        <translation>Cannot create data folder %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法创建 %1：%2</source>
        <translation>Cannot create %1: %2</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>无法读取本机数据的密钥：%1</source>
        <translation>Cannot read the key of the device data: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机数据的密钥已损坏（长度不对）</source>
        <translation>The key of the device data is damaged (wrong length)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>找不到本机数据 %1 的密钥，数据无法读取（密钥应在 %2）</source>
        <translation>The key of the device data %1 is missing, so the data cannot be read (the key belongs in %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法保存本机数据的密钥：%1</source>
        <translation>Cannot save the key of the device data: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>无法加密照片 %1：%2</source>
        <translation>Cannot encrypt photo %1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>无法读取登录凭据：%1</source>
        <translation>Cannot read the sign-in credentials: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>无法保存登录凭据：%1</source>
        <translation>Cannot save the sign-in credentials: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法删除登录凭据：%1</source>
        <translation>Cannot delete the sign-in credentials: %1</translation>
    </message>
</context>
<context>
    <name>FieldNotes</name>
    <message>
        <location filename="../components/FieldNotes.qml" line="+11"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>短板</source>
        <translation>Shortcoming</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>弱项</source>
        <translation>Weakness</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>照片（%1）</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>拍照</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择照片文件</source>
        <translation>Choose photo file</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+88"/>
        <source>指标 %1 · </source>
        <translation>Item %1 · </translation>
    </message>
    <message>
        <location line="-87"/>
        <source>已上传</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>问题（%1）</source>
        <translation>Findings (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>记录问题</source>
        <translation>Record finding</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>【%1】%2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>建议：%1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · 指标 %1</source>
        <translation> · item %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · 照片 %1 张</source>
        <translation> · %1 photo(s)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>亮点（%1）</source>
        <translation>Highlights (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>记录亮点</source>
        <translation>Record highlight</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>未关联指标 · </source>
        <translation>No item · </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>删除这张照片</source>
        <translation>Delete this photo</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>删除照片？</source>
        <translation>Delete photo?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除问题？</source>
        <translation>Delete finding?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除亮点？</source>
        <translation>Delete highlight?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1”将从本机删除，联网后考评办处也一并删除。</source>
        <translation>“%1” will be deleted on this tablet, and at HQ once it syncs.</translation>
    </message>
</context>
<context>
    <name>FieldRecordEdits</name>
    <message>
        <location filename="../../sync/client/rules/fieldrecordedits.cpp" line="+38"/>
        <source>只能修改或删除照片、问题和亮点</source>
        <translation>Only photos, findings and highlights can be changed or deleted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>记录 %1 不存在，可能已被删除</source>
        <translation>Record %1 does not exist; it may have been deleted</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>问题描述不能为空</source>
        <translation>The finding description cannot be empty</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>照片 %1 不存在</source>
        <translation>Photo %1 does not exist</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>亮点标题不能为空</source>
        <translation>The highlight title cannot be empty</translation>
    </message>
</context>
<context>
    <name>FieldRecorder</name>
    <message>
        <location filename="../../sync/client/rules/fieldrecorder.cpp" line="+63"/>
        <source>点位 %1 不属于单位 %2</source>
        <translation>Site %1 does not belong to unit %2</translation>
    </message>
    <message>
        <location filename="../../core/policy/scorepolicy.cpp" line="+190"/>
        <source>单位 %1 已由组长提交锁定，评分不能再修改</source>
        <translation>Unit %1 was submitted and locked by the group leader; scores can no longer be changed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>单位 %1 已提交锁定，修改评分必须写明理由</source>
        <translation>Unit %1 is submitted and locked; changing a score requires a reason</translation>
    </message>
    <message>
        <location filename="../../sync/client/rules/fieldrecorder.cpp" line="+46"/>
        <source>这次实地查看已经签退</source>
        <translation>This site visit is already checked out</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+42"/>
        <source>实地查看记录 %1 不存在</source>
        <translation>Site visit record %1 does not exist</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>只能修改本人的实地查看记录</source>
        <translation>You can only edit your own site visit records</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>问题描述不能为空</source>
        <translation>The finding description cannot be empty</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>照片 %1 不存在</source>
        <translation>Photo %1 does not exist</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>亮点标题不能为空</source>
        <translation>The highlight title cannot be empty</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>照片 %1 不存在或不属于单位 %2</source>
        <translation>Photo %1 does not exist or does not belong to unit %2</translation>
    </message>
    <message>
        <location filename="../../core/policy/submissionpolicy.cpp" line="+104"/>
        <source>撤回提交必须写明理由</source>
        <translation>Reopening requires a reason</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>只有检查组长或考评办可以提交或撤回</source>
        <translation>Only the group leader or the assessment office can submit or reopen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1不考评单位 %2（%3）</source>
        <translation>%1 does not assess unit %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>回避：你来自%1，不能提交本单位</source>
        <translation>Conflict of interest: you are from %1 and cannot submit this unit</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>单位 %1 已经提交</source>
        <translation>Unit %1 has already been submitted</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>还有 %1 项指标未评分（%2），不能提交</source>
        <translation>%1 indicator(s) not scored yet (%2); cannot submit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>、</source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>单位 %1 没有提交，无需撤回</source>
        <translation>Unit %1 is not submitted; nothing to reopen</translation>
    </message>
    <message>
        <location filename="../../core/policy/fieldrecordpolicy.cpp" line="+103"/>
        <source>无权修改单位 %1 的记录</source>
        <translation>You may not change the records of unit %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>回避：你来自单位 %1，不能修改或删除本单位的记录</source>
        <translation>Conflict of interest: you belong to unit %1 and may not change or delete its records</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>只能修改或删除本人记录的内容</source>
        <translation>You can only change or delete what you recorded yourself</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>单位 %1 已提交锁定，评分不能删除；如需修改请由组长填写理由</source>
        <translation>Unit %1 is submitted and locked: scores cannot be deleted; the group leader can change them with a reason</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>单位 %1 已由组长提交锁定，实地查看记录不能再删除</source>
        <translation>Unit %1 was submitted by the group leader: its site visits can no longer be deleted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>单位 %1 已由组长提交锁定，已记录的照片、问题和亮点不能再修改或删除</source>
        <translation>Unit %1 was submitted and locked by the leader; recorded photos, findings and highlights can no longer be changed or deleted</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>记录所属单位不能更改（原为单位 %1），请在正确的单位下重新记录</source>
        <translation>A record&apos;s unit cannot change (it was made for unit %1); record it again under the right unit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>这次实地查看已有照片，不能删除</source>
        <translation>This visit already has photos and cannot be deleted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这张照片是回头看结果的佐证，不能删除</source>
        <translation>This photo is evidence of a re-check result and cannot be deleted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>提交记录不能删除，请改为“撤回提交”</source>
        <translation>A submission cannot be deleted; reopen the unit instead</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>回头看记录不能删除</source>
        <translation>Re-checks cannot be deleted</translation>
    </message>
</context>
<context>
    <name>FieldRules</name>
    <message>
        <location filename="../../core/policy/policytext.cpp" line="+11"/>
        <source>考评办</source>
        <translation>Assessment office</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查组长</source>
        <translation>Group leader</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查组员</source>
        <translation>Group member</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>联络员</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <location filename="../../sync/client/rules/fieldrules.cpp" line="+39"/>
        <source>本机还没有登录，请先登录以下载考评设置</source>
        <translation>This device is not signed in yet; sign in to download the campaign setup</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机的考评设置中没有账号“%1”，请重新登录</source>
        <translation>The campaign setup on this device has no account “%1”; please sign in again</translation>
    </message>
    <message>
        <location line="+29"/>
        <location filename="../../core/policy/scorepolicy.cpp" line="-12"/>
        <location filename="../../core/policy/submissionpolicy.cpp" line="-18"/>
        <source>单位 %1（%2）不在你的考评范围内</source>
        <translation>Unit %1 (%2) is not in your assessment scope</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../core/policy/recheckpolicy.cpp" line="+68"/>
        <location filename="../../core/policy/scorepolicy.cpp" line="-11"/>
        <location filename="../../core/policy/submissionpolicy.cpp" line="-8"/>
        <source>没有编码为“%1”的单位（或不在你的考评范围内）</source>
        <translation>No unit with code “%1” (or it is not in your assessment scope)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../core/policy/scorepolicy.cpp" line="+4"/>
        <source>指标“%1”不存在</source>
        <translation>Indicator “%1” does not exist</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../core/policy/scorepolicy.cpp" line="-1"/>
        <source>“%1 %2”是一级指标，请选择其下的二级指标</source>
        <translation>“%1 %2” is a project (level-1 indicator); choose one of its items</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>点位“%1”不存在（或不在你的考评范围内）</source>
        <translation>Site “%1” does not exist (or is not in your assessment scope)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1不能记录现场考评内容</source>
        <translation>%1 accounts cannot record site assessment data</translation>
    </message>
    <message>
        <location filename="../../core/policy/scorepolicy.cpp" line="+11"/>
        <source>回避：你（%1）来自%2（%3），不能为本单位评分</source>
        <translation>Conflict of interest: you (%1) are from %2 (%3) and cannot score this unit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>本次考评要求先在%1的点位现场签到，才能评分</source>
        <translation>This assessment requires checking in on site at a site of %1 before scoring</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>你在%1的签到没有定位，请在点位重新签到后再评分</source>
        <translation>Your check-in at %1 has no position; check in again at the site, then score</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>你在%1的签到离点位超过 %2 米，请到点位重新签到后再评分</source>
        <translation>Your check-in at %1 is more than %2 m from the site; check in again at the site, then score</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法记录这项评分</source>
        <translation>This score cannot be recorded</translation>
    </message>
    <message>
        <location filename="../../core/policy/recheckpolicy.cpp" line="+3"/>
        <source>%1不考评单位 %2</source>
        <translation>%1 does not assess unit %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1不能记录回头看结果，请由检查组现场核查</source>
        <translation>%1: cannot record re-check results; the inspection group checks on site</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>回避：你（%1）来自单位 %2，不能回头看本单位</source>
        <translation>Conflict of interest: you (%1) are from unit %2 and cannot re-check your own unit</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>这项回头看任务没有分配给%1</source>
        <translation>This re-check was not assigned to %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改未到位时请写明情况</source>
        <translation>Describe what is still missing when the rectification is not done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明最多 %1 个字</source>
        <translation>Notes may have at most %1 characters</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法记录回头看结果</source>
        <translation>Cannot record this re-check result</translation>
    </message>
    <message>
        <location filename="../../core/policy/scorepolicy.cpp" line="-29"/>
        <source>考评办不作为评分人打分；如需核定，请以核定方式录入并写明理由</source>
        <translation>The assessment office does not score as a rater; to set a final value, enter it as a final value with a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1不能评分</source>
        <translation>%1 accounts cannot score</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1不考评单位 %2（%3）</source>
        <translation>%1 does not assess unit %2 (%3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>只有检查组长或考评办可以核定，你是%1</source>
        <translation>Only the group leader or the assessment office can set final values; your role is %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核定必须写明理由</source>
        <translation>A final value requires a reason</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>指标 %1 的输入“%2”无效：%3</source>
        <translation>Invalid input “%2” for indicator %1: %3</translation>
    </message>
    <message>
        <location filename="../../sync/client/rules/fieldrecorder.cpp" line="-6"/>
        <location filename="../../core/policy/recheckpolicy.cpp" line="-8"/>
        <source>回头看任务“%1”不存在，请先同步</source>
        <translation>Re-check “%1” does not exist; sync first</translation>
    </message>
</context>
<context>
    <name>FileSecureStore</name>
    <message>
        <location filename="../../core/store/filesecurestore.cpp" line="+34"/>
        <source>无法创建密钥目录 %1</source>
        <translation>Cannot create key folder %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法设置密钥目录 %1 的权限</source>
        <translation>Cannot set permissions on key folder %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+11"/>
        <source>无法保存密钥 %1：%2</source>
        <translation>Cannot save key %1: %2</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>无法设置密钥文件 %1 的权限</source>
        <translation>Cannot set permissions on key file %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>无法读取密钥 %1：%2</source>
        <translation>Cannot read key %1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>无法删除密钥 %1：%2</source>
        <translation>Cannot delete key %1: %2</translation>
    </message>
</context>
<context>
    <name>FinalValueDialog</name>
    <message>
        <location filename="../components/FinalValueDialog.qml" line="+25"/>
        <source>一票否决项请填“是”或“否”</source>
        <translation>For a veto item enter 是 (yes) or 否 (no)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>核定分值应为 0 到 %1 之间的数</source>
        <translation>The final value must be a number from 0 to %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>组长核定：%1 %2</source>
        <translation>Leader&apos;s final value: %1 %2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 · 满分 %2 分。核定分值（0 到满分）替代本组的平均分；理由与修改记录一起保存，考评办可查。</source>
        <translation>%1 · max %2 pts. The final value (0 to the maximum) replaces the group&apos;s average; the reason is kept in the history HQ can read.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>核定分值（一票否决项填“是”或“否”）</source>
        <translation>Final points (for a veto item: 是 or 否)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>核定理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../components/FindingDialog.qml" line="+68"/>
        <source>记录亮点 / 典型经验</source>
        <translation>Record highlight / typical experience</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改亮点 / 典型经验</source>
        <translation>Edit highlight / good practice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录问题</source>
        <translation>Record finding</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>修改问题</source>
        <translation>Edit finding</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>短板</source>
        <translation>Shortcoming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>弱项</source>
        <translation>Weakness</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（不关联指标）</source>
        <translation>(No linked indicator)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>亮点标题</source>
        <translation>Highlight title</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>问题描述：实地看到了什么</source>
        <translation>Description: what you saw on site</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>做法与成效，可复制、可推广之处</source>
        <translation>Practice and results: what can be replicated and promoted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>对策建议（必填）：怎样整改</source>
        <translation>Suggestion (required): how to rectify it</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>请填写对策建议：每个问题都要写明怎样整改，填好后才能保存</source>
        <translation>Enter a suggestion: every finding says how to rectify it; it can be saved once this is filled in</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>佐证照片（点选，已选 %1 张）</source>
        <translation>Evidence photos (tap to select, %1 selected)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本单位还没有照片；可先在页面上添加照片再关联</source>
        <translation>This unit has no photos yet; add photos on the page first, then link them</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../pages/HomePage.qml" line="+32"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>搜索单位名称、编码或类别</source>
        <translation>Search unit name, code or category</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>回避</source>
        <translation>Conflict of interest</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已提交</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>组长已提交，评分已锁定 · 仍可补充照片、问题和亮点</source>
        <translation>Submitted by the leader; scores locked · photos, findings and highlights can still be added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我已评 %1 / %2 项 · %3 个点位</source>
        <translation>I scored %1 / %2 items · %3 sites</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 张照片待上传</source>
        <translation>Photos to upload: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在载入考评单位……</source>
        <translation>Loading units…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有符合“%1”的单位</source>
        <translation>No units match “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚无考评单位。请联网同步以下载本组的考评设置。</source>
        <translation>No units to assess yet. Go online and sync to download your group&apos;s campaign setup.</translation>
    </message>
</context>
<context>
    <name>ImageFiles</name>
    <message>
        <location filename="../../platform/imagefiles.cpp" line="+19"/>
        <source>没有选择照片文件</source>
        <translation>No photo file selected</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>找不到照片文件：%1</source>
        <translation>Photo file not found: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 不是文件，请选择一张照片</source>
        <translation>%1 is not a file; choose a photo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法读取照片文件 %1：%2</source>
        <translation>Cannot read photo file %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 不是照片（只支持 JPEG、PNG、WebP、HEIF 格式）</source>
        <translation>%1 is not a photo (only JPEG, PNG, WebP and HEIF are supported)</translation>
    </message>
</context>
<context>
    <name>ItemCard</name>
    <message>
        <location filename="../components/ItemCard.qml" line="+49"/>
        <source>%1 · %2 分</source>
        <translation>%1 · %2 pts</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>佐证材料：%1 · 核查方式：%2</source>
        <translation>Evidence: %1 · How checked: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>照片 %1</source>
        <translation>Photo %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本组已有 %1 人评分</source>
        <translation>Scored by %1 in this group</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>拍照取证</source>
        <translation>Take evidence photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>拍照取证（%1）</source>
        <translation>Take photo (%1)</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="+11"/>
        <source>现场考评</source>
        <translation>Onsite Assessment</translation>
    </message>
</context>
<context>
    <name>NoteRow</name>
    <message>
        <location filename="../components/NoteRow.qml" line="+42"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>OverviewRow</name>
    <message>
        <location filename="../components/OverviewRow.qml" line="+51"/>
        <source>%1 · 满分 %2 分</source>
        <translation>%1 · max %2 pts</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>我的评分：%1</source>
        <translation>My input: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无加分项</source>
        <translation>No bonus items</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>均不具备</source>
        <translation>None held</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>组长核定：%1</source>
        <translation>Leader&apos;s final value: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>组长核定 %1 分</source>
        <translation>Leader&apos;s final value %1 pts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · 理由：%1</source>
        <translation> · reason: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>我</source>
        <translation>Me</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+19"/>
        <source>%1 分</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>已评</source>
        <translation>Scored</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>未评</source>
        <translation>Not scored</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>本组</source>
        <translation>Group</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>组长核定</source>
        <translation>Leader&apos;s final value</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 人评分</source>
        <translation>%1 raters</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+1"/>
        <source>核定</source>
        <translation>Final value</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../components/PageHeader.qml" line="+32"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PhotoFiles</name>
    <message>
        <location filename="../../sync/client/photos/photofiles.cpp" line="+69"/>
        <location line="+25"/>
        <source>照片目录 %1 未打开</source>
        <translation>The photo folder %1 is not open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>无法读取照片 %1：%2</source>
        <translation>Cannot read photo %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 不是可上传的照片（只支持 JPEG、PNG、WebP、HEIF）</source>
        <translation>%1 is not a photo that can be uploaded (only JPEG, PNG, WebP and HEIF)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法写入照片目录 %1：%2</source>
        <translation>Cannot write to photo folder %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>读取照片 %1 出错：%2</source>
        <translation>Error reading photo %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>无法保存照片：%1</source>
        <translation>Cannot save photo: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法保存照片到 %1</source>
        <translation>Cannot save photo to %1</translation>
    </message>
</context>
<context>
    <name>PhotoUploader</name>
    <message>
        <location filename="../../sync/client/photos/photouploader.cpp" line="+33"/>
        <location line="+100"/>
        <source>无法读取待上传的照片 %1：%2</source>
        <translation>Cannot read photo %1 for upload: %2</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>服务器记录的照片进度（%1 字节）与照片大小（%2 字节）不符</source>
        <translation>The server&apos;s upload progress (%1 bytes) does not match the photo size (%2 bytes)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>无法读取照片 %1</source>
        <translation>Cannot read photo %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法读取照片 %1：%2</source>
        <translation>Cannot read photo %1: %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>服务器没有接收照片数据（停在 %1 字节）</source>
        <translation>The server did not accept the photo data (stuck at %1 bytes)</translation>
    </message>
</context>
<context>
    <name>RecheckDialog</name>
    <message>
        <location filename="../components/RecheckDialog.qml" line="+17"/>
        <source>记录回头看结果</source>
        <translation>Record re-check result</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>整改到位</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未到位</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>现场情况（可选）</source>
        <translation>What you saw on site (optional)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>哪些没有整改到位（必填）</source>
        <translation>What is not rectified (required)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>佐证照片（点选，已选 %1 张）</source>
        <translation>Evidence photos (tap to choose, %1 chosen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>添加照片</source>
        <translation>Add photo</translation>
    </message>
</context>
<context>
    <name>RecheckList</name>
    <message>
        <location filename="../components/RecheckList.qml" line="+15"/>
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片 (*.jpg *.jpeg *.png *.webp *.heic)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.heic)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>回头看 · %1 · %2 布置</source>
        <translation>Re-check · %1 · assigned %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>再记录一次</source>
        <translation>Record again</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>记录结果</source>
        <translation>Record result</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>问题：%1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>整改建议：%1</source>
        <translation>Suggestion: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>单位整改措施：%1</source>
        <translation>Unit’s measures: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位整改措施：（未填写）</source>
        <translation>Unit’s measures: (not filled in)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>考评办说明：%1</source>
        <translation>Note from HQ: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待回头看</source>
        <translation>To re-check</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 · %2 · %3（%4）</source>
        <translation>%1 · %2 · %3 (%4)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>本单位没有回头看任务</source>
        <translation>No re-checks for this unit</translation>
    </message>
</context>
<context>
    <name>ScoreInput</name>
    <message>
        <location filename="../components/ScoreInput.qml" line="+77"/>
        <source>%1 · %2 分</source>
        <translation>%1 · %2 pts</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1（%2 分）</source>
        <translation>%1 (%2 pts)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>无加分项（0 分）</source>
        <translation>No bonus items (0 points)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>均不具备（0 分）</source>
        <translation>None held (0 points)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1（每项 %2 分）</source>
        <translation>%1 (%2 pts each)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>核实数值</source>
        <translation>Verified value</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>发现问题次数</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>是（否决）</source>
        <translation>Yes (veto)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>确认一票否决</source>
        <translation>Confirm veto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>一票否决会使该单位等次为“较差”并排在所有单位之后。确认存在该情形？</source>
        <translation>A veto sets this unit&apos;s grade to “Poor” and ranks it after all other units. Confirm that this applies?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>一票否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>得分 %1 / %2</source>
        <translation>Score %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未评</source>
        <translation>Not scored</translation>
    </message>
</context>
<context>
    <name>SecureStore</name>
    <message>
        <location filename="../../core/store/securestore.cpp" line="+30"/>
        <source>密钥名称“%1”无效（只能用字母、数字、点、下划线和连字符）</source>
        <translation>Invalid key name “%1” (use only letters, digits, dots, underscores and hyphens)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../pages/SettingsPage.qml" line="+17"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>语言 / Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（%2，%3）</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>关于本机</source>
        <translation>About this tablet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>丢弃未同步的更改？</source>
        <translation>Discard unsynced changes?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留并退出</source>
        <translation>Keep and sign out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>丢弃并退出</source>
        <translation>Discard and sign out</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本机还有 %1 条更改没有到达总部。保留并退出后，用同一账号重新登录即可继续同步；丢弃后无法恢复。建议先联网同步。</source>
        <translation>%1 changes on this tablet have not reached HQ. Keep them and sign out, then sign in again with the same account to go on syncing; discarded changes cannot be recovered. Syncing first is best.</translation>
    </message>
</context>
<context>
    <name>SignInFlow</name>
    <message>
        <location filename="../../sync/client/signin/signinflow.cpp" line="+24"/>
        <source>本机还有 %1 条账号 %2 的更改没有同步。请先用该账号同步，再换账号或服务器登录。</source>
        <translation>This device still has %1 unsynced change(s) of account %2. Sync with that account first, then sign in with another account or server.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>服务器地址“%1”无效，应形如 https://hq.example.cn:8443</source>
        <translation>Invalid server address “%1”; it should look like https://hq.example.cn:8443</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>正在登录 %1 ……</source>
        <translation>Signing in to %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>登录失败：%1</source>
        <translation>Sign-in failed: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>本机数据出错：%1</source>
        <translation>Error in this device&apos;s data: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在下载考评设置……</source>
        <translation>Downloading the campaign setup…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已登录，但下载考评设置失败：%1</source>
        <translation>Signed in, but downloading the campaign setup failed: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保存考评设置失败：%1</source>
        <translation>Saving the campaign setup failed: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已载入考评活动“%1”</source>
        <translation>Loaded assessment campaign “%1”</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../pages/SignInPage.qml" line="+27"/>
        <source>现场考评</source>
        <translation>Onsite Assessment</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>组织工作量化考评 · 检查组平板</source>
        <translation>Quantified Assessment of Organization Work · Group Tablet</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>服务器：%1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>更改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>例如 https://hq.example.cn:8443（向考评办索取）</source>
        <translation>e.g. https://hq.example.cn:8443 (ask the assessment office)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在登录……</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>技术信息：%1</source>
        <translation>Technical details: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>首次登录需要联网，会下载本组的考评设置；之后离线也能直接进入。</source>
        <translation>The first sign-in needs a network connection to download your group&apos;s campaign setup; after that you can sign in offline.</translation>
    </message>
</context>
<context>
    <name>SubmissionBar</name>
    <message>
        <location filename="../components/SubmissionBar.qml" line="+34"/>
        <source>已提交：%1</source>
        <translation>Submitted: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部指标均已评分，可以提交</source>
        <translation>All indicators scored; ready to submit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还有 %1 项指标无人评分</source>
        <translation>%1 indicator(s) not scored by anyone</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>提交并锁定</source>
        <translation>Submit and lock</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+40"/>
        <location line="+35"/>
        <source>撤回提交</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>提交本单位的考评</source>
        <translation>Submit this unit&apos;s assessment</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>全部指标均已评分。提交后组员不能再修改本单位的评分；组长或考评办修改须写明理由。</source>
        <translation>All indicators are scored. After submission, group members can no longer change this unit&apos;s scores; the group leader or the assessment office must give a reason for any change.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还有 %1 项指标无人评分：%2。请先评分或核定，再提交。</source>
        <translation>%1 indicator(s) not scored by anyone: %2. Score them or set final values before submitting.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+46"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>确认提交</source>
        <translation>Confirm submission</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>撤回后本组可以继续修改评分。请写明撤回理由，它会和提交记录一起保存。</source>
        <translation>After reopening, your group can change scores again. Give a reason for reopening; it is saved with the submission record.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>撤回理由（必填）</source>
        <translation>Reason for reopening (required)</translation>
    </message>
</context>
<context>
    <name>SyncBar</name>
    <message>
        <location filename="../components/SyncBar.qml" line="+37"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+1"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>同步详情</source>
        <translation>Sync details</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <location filename="../../sync/client/transport/syncclient.cpp" line="+16"/>
        <source>服务器的回答无法识别（%1）</source>
        <translation>Unrecognized answer from the server (%1)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>登录回答中没有 token</source>
        <translation>login answer has no token</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>push 回答中没有 results</source>
        <translation>push answer has no results</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>pull 回答中没有 changes 或 cursor</source>
        <translation>pull answer has no changes or cursor</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>more=true 但游标没有前进</source>
        <translation>more=true but the cursor did not advance</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>上传回答中没有 received</source>
        <translation>upload answer has no received</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <location filename="../../sync/client/transport/syncengine.cpp" line="+121"/>
        <source>总部数据已从备份恢复，本机正在重新上传记录，还有 %1 条……</source>
        <translation>HQ was restored from a backup: this tablet is sending its records again, %1 to go…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>总部数据已从备份恢复，本机已重新上传 %1 条记录，并重新下载了全部数据</source>
        <translation>HQ was restored from a backup: this tablet sent %1 records again and downloaded everything anew</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>本机数据读写失败：%1</source>
        <translation>Reading or writing this device&apos;s data failed: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>本机尚未登录，请先登录</source>
        <translation>This device is not signed in; please sign in first</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>开始同步</source>
        <translation>Starting sync</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+41"/>
        <source>总部数据已从备份恢复，本机正在重新上传 %1 条记录……</source>
        <translation>HQ was restored from a backup: sending %1 records again…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在上传 %1 条本机更改</source>
        <translation>Uploading %1 local change(s)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>服务器没有处理上传的 %1 条更改</source>
        <translation>The server did not process the %1 uploaded change(s)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>正在上传照片 %1/%2（%3 / %4）</source>
        <translation>Uploading photo %1/%2 (%3 / %4)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>正在更新考评设置</source>
        <translation>Updating the campaign setup</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>正在下载服务器上的更改</source>
        <translation>Downloading changes from the server</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>总部数据已从备份恢复</source>
        <translation>HQ was restored from a backup</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已下载 %1 条服务器更改</source>
        <translation>Downloaded %1 change(s) from the server</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>总部数据的标识在同步中反复变化，稍后重试</source>
        <translation>HQ’s data changed identity during the sync; will try again later</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>同步完成</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>同步失败：%1</source>
        <translation>Sync failed: %1</translation>
    </message>
</context>
<context>
    <name>SyncError</name>
    <message>
        <location filename="../../sync/client/transport/syncerror.cpp" line="+16"/>
        <source>HTTP %1，%2</source>
        <extracomment>%1 is the HTTP status, %2 the server&apos;s error code (e.g. invalid_token)</extracomment>
        <translation>HTTP %1, %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1（%2）</source>
        <extracomment>%1 is the message, %2 the HTTP status and error code</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>账号或密码不正确，请核对后重新输入</source>
        <translation>Wrong account or password; check them and try again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登录已失效，请重新登录；本机未同步的数据不会丢失</source>
        <translation>Your sign-in has expired; please sign in again. Unsynced data on this tablet is kept</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此账号已被考评办停用，请联系考评办</source>
        <translation>The assessment office has disabled this account; please contact them</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机的 Onsite 版本过旧，请升级后再同步；未同步的数据仍保存在本机</source>
        <translation>This Onsite version is too old; update it, then sync. Unsynced data stays on this tablet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有权限执行此操作，如有疑问请联系考评办</source>
        <translation>You are not allowed to do this; ask the assessment office if in doubt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尝试次数过多，请过几分钟再试</source>
        <translation>Too many attempts; try again in a few minutes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>总部服务器正忙，稍后会自动重试</source>
        <translation>The HQ server is busy; the tablet retries by itself shortly</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>总部的存储空间已满，照片暂时无法上传，请联系考评办</source>
        <translation>HQ storage is full, so photos cannot be uploaded for now; please contact the assessment office</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照片上传时校验不符，稍后会自动重新上传</source>
        <translation>A photo did not verify on upload; it is uploaded again automatically</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>照片上传进度与总部不一致，稍后会自动续传</source>
        <translation>A photo upload is out of step with HQ; it resumes automatically</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一次上传的内容过大，请联系考评办</source>
        <translation>An upload is too large; please contact the assessment office</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>总部没有找到所请求的内容，请联系考评办</source>
        <translation>HQ could not find what was asked for; please contact the assessment office</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>总部无法处理本机的请求，请升级 Onsite 或联系考评办</source>
        <translation>HQ cannot handle this tablet&apos;s request; update Onsite or contact the assessment office</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>总部服务器出错，稍后会自动重试；一直出现请联系考评办</source>
        <translation>The HQ server had an error; the tablet retries by itself. If it keeps happening, contact the assessment office</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>总部返回了本机无法识别的答复，请联系考评办</source>
        <translation>HQ gave an answer this device does not understand; please contact the assessment office</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../pages/SyncPage.qml" line="+17"/>
        <source>同步详情</source>
        <translation>Sync details</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在同步……</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>网络</source>
        <translation>Network</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>离线：更改都已保存在本机，联网后自动同步</source>
        <translation>Offline: every change is saved on this tablet and syncs when the network is back</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>待同步更改</source>
        <translation>Changes to sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 条</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待上传照片</source>
        <translation>Photos to upload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 张</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上次成功同步</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>最近的错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>技术信息：%1</source>
        <translation>Technical details: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>被拒绝或冲突的更改（%1）</source>
        <translation>Rejected or conflicting changes (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>被拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有被拒绝或冲突的更改</source>
        <translation>No rejected or conflicting changes</translation>
    </message>
</context>
<context>
    <name>UnitOverview</name>
    <message>
        <location filename="../components/UnitOverview.qml" line="+25"/>
        <source>本组当前合计 %1 分</source>
        <translation>Group total so far: %1 points</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本组当前合计 %1 分 · 我还有 %2 项未评</source>
        <translation>Group total: %1 pts · %2 items left for me</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>小计 我 %1 · 本组 %2 / %3 分</source>
        <translation>Subtotal me %1 · group %2 / %3 pts</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../pages/UnitPage.qml" line="+42"/>
        <source>点位</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指标总览</source>
        <translation>Indicator overview</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>回头看（%1）</source>
        <translation>Re-checks (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>回头看</source>
        <translation>Re-checks</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 · 核查指标 %2</source>
        <translation>%1 · Indicators checked: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>我已评 %1/%2</source>
        <translation>I scored %1/%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>本单位没有点位</source>
        <translation>This unit has no sites</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../pages/VisitPage.qml" line="+38"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重新签到</source>
        <translation>Check in again</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签到</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>图片 (*.jpg *.jpeg *.png *.webp *.heic)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.heic)</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>回避：您来自本单位，不能为其评分。</source>
        <translation>Conflict of interest: you belong to this unit and cannot score it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未签到：到达点位后请先签到。</source>
        <translation>Not checked in yet: check in when you arrive at the site.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+100"/>
        <source>撤销签到</source>
        <translation>Withdraw check-in</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>签退</source>
        <translation>Check out</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>本单位已由组长提交，评分已锁定；仍可补充照片、问题和亮点。</source>
        <translation>This unit was submitted by the group leader and its scores are locked; you can still add photos, findings and highlights.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>查看记录（离开输入框即保存）</source>
        <translation>Visit notes (saved when you leave the field)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>实地看到的情况、座谈对象等</source>
        <translation>What you saw on site, people interviewed, etc.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>本单位其他指标（查阅资料、座谈了解等，不在某个点位核查；每项只需评一次）</source>
        <translation>Other items of this unit (records, interviews; not tied to a site; score each once)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>撤销本次签到？</source>
        <translation>Withdraw this check-in?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>签到记录和查看记录将被删除，总部同步后也会删除。已拍照片的签到不能撤销。</source>
        <translation>The check-in and its visit notes will be deleted, here and at HQ after the next sync. A check-in with photos cannot be withdrawn.</translation>
    </message>
</context>
<context>
    <name>onsite::app::AboutModel</name>
    <message>
        <location filename="../viewmodels/aboutmodel.cpp" line="+48"/>
        <source>%1 字节</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>本机数据未打开</source>
        <translation>The device data is not open</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备编号</source>
        <translation>Device id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机数据合计</source>
        <translation>Data on this tablet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 张，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
</context>
<context>
    <name>onsite::app::RecheckModel</name>
    <message>
        <location filename="../viewmodels/recheckmodel.cpp" line="+19"/>
        <source>整改到位</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未到位</source>
        <translation>Not rectified</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>待同步</source>
        <translation>Waiting to sync</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未被接受：%1</source>
        <translation>Not accepted: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>照片已保存，联网后自动上传</source>
        <translation>Photo saved; it uploads when online</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+22"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>请选择“整改到位”或“未到位”</source>
        <translation>Choose “Rectified” or “Not rectified”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已记录回头看结果：%1，联网后自动同步</source>
        <translation>Re-check result recorded: %1; it syncs when online</translation>
    </message>
</context>
<context>
    <name>onsite::app::ScoreCalculator</name>
    <message>
        <location filename="../viewmodels/scorecalculator.cpp" line="+33"/>
        <source>未知的计分方法</source>
        <translation>Unknown scoring method</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>满分 %1 %2%4，零分 %3 %5%4</source>
        <translation>Full marks at %1 %2%4, zero at %3 %5%4</translation>
    </message>
</context>
<context>
    <name>onsite::app::SessionModel</name>
    <message>
        <location filename="../viewmodels/sessionmodel.cpp" line="+95"/>
        <source>请输入账号和密码</source>
        <translation>Enter your account and password</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>正在连接……</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>还有 %1 条更改没有同步到总部。请先联网同步；确需丢弃请再次确认。</source>
        <translation>%1 change(s) have not been synced to HQ. Go online and sync first; to discard them anyway, confirm again.</translation>
    </message>
</context>
<context>
    <name>onsite::app::SyncStatusModel</name>
    <message>
        <location filename="../viewmodels/syncstatusmodel.cpp" line="+42"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在同步……</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · 有 %2 条更改未被总部接受（见同步页） · %3</source>
        <translation>%1 · %2 changes not accepted by HQ (see Sync) · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · 已全部同步 · %2</source>
        <translation>%1 · All synced · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · 待同步 %2 条、照片 %3 张 · 上次 %4</source>
        <translation>%1 · To sync: %2 change(s), %3 photo(s) · Last: %4</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>评分 %1 指标 %2“%3”</source>
        <translation>Score for unit %1, indicator %2: “%3”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提交单位 %1</source>
        <translation>Submission of unit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤回单位 %1 的提交</source>
        <translation>Reopening of unit %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签到点位 %1</source>
        <translation>Check-in at site %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>单位 %1 的照片</source>
        <translation>Photo of unit %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>短板</source>
        <translation>Shortcoming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>弱项</source>
        <translation>Weakness</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2：%3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>亮点 %1：%2</source>
        <translation>Highlight %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>回头看 %1：整改到位</source>
        <translation>Re-check %1: rectified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回头看 %1：未到位</source>
        <translation>Re-check %1: not rectified</translation>
    </message>
</context>
<context>
    <name>onsite::app::UnitListModel</name>
    <message>
        <location filename="../viewmodels/unitlistmodel.cpp" line="+97"/>
        <source>回避：您来自本单位，不能为其评分</source>
        <translation>Conflict of interest: you belong to this unit and cannot score it</translation>
    </message>
</context>
<context>
    <name>onsite::app::UnitOverviewModel</name>
    <message>
        <location filename="../viewmodels/unitoverviewmodel.cpp" line="+57"/>
        <source>%1 于 %2 提交，本单位评分已锁定</source>
        <translation>Submitted by %1 on %2; this unit&apos;s scores are locked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 于 %2 撤回提交：%3</source>
        <translation>Reopened by %1 on %2: %3</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>保存失败：%1</source>
        <translation>Save failed: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已核定指标 %1</source>
        <translation>Final value set for indicator %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已提交并锁定本单位，联网后同步到考评办</source>
        <translation>Unit submitted and locked; it reaches the assessment office at the next sync</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已撤回提交，本单位可以继续评分</source>
        <translation>Submission reopened; this unit can be scored again</translation>
    </message>
</context>
<context>
    <name>onsite::app::VisitModel</name>
    <message>
        <location filename="../viewmodels/visitmodel.cpp" line="+30"/>
        <source>已记录问题</source>
        <translation>Problem recorded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已记录短板</source>
        <translation>Shortcoming recorded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已记录弱项</source>
        <translation>Weakness recorded</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>此设备没有相机，请从文件中选择照片</source>
        <translation>This device has no camera; choose a photo from a file</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在拍照……</source>
        <translation>Taking photo…</translation>
    </message>
    <message>
        <location line="+343"/>
        <source>保存失败：%1</source>
        <translation>Save failed: %1</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>已保存指标 %1 的评分</source>
        <translation>Score saved for indicator %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已签到</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>正在定位……</source>
        <translation>Getting location…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已签到（未取得定位：%1）</source>
        <translation>Checked in (no location fix: %1)</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>照片已保存，联网后自动上传</source>
        <translation>Photo saved; it uploads automatically when online</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>，精度约 %1 米</source>
        <translation>, accuracy about %1 m</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已签到 %1，未取得定位</source>
        <translation>Checked in %1, no position fix</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已签到 %1，位置 %2, %3%4（点位没有坐标，无法核对距离）</source>
        <translation>Checked in %1 at %2, %3%4 (the site has no coordinates to measure against)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 公里</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 米</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已签到 %1，距点位 %2%3，超出 %4 米签到范围</source>
        <translation>Checked in %1, %2 from the site%3, beyond the %4 m check-in range</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已签到 %1，距点位 %2%3，在签到范围内</source>
        <translation>Checked in %1, %2 from the site%3, within range</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>；本次考评要求在点位 %1 米内签到才能评分，请到点位重新签到</source>
        <translation>; this assessment needs a check-in within %1 m of the site before scoring, so check in again at the site</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 小时 %2 分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已签退 %1，停留 %2</source>
        <translation>Checked out %1 after %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请先签到</source>
        <translation>Please check in first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已签退</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>照片已保存（相册选取，原始拍摄时间 %1）</source>
        <translation>Photo saved (from the gallery, taken %1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>照片已保存（相册选取，没有原始拍摄时间）</source>
        <translation>Photo saved (from the gallery, time taken unknown)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请先签到，再填写查看记录</source>
        <translation>Check in before writing visit notes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>查看记录已保存</source>
        <translation>Visit notes saved</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>请填写问题描述</source>
        <translation>Enter a description</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>请填写亮点标题</source>
        <translation>Enter a highlight title</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已记录亮点</source>
        <translation>Highlight recorded</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已修改问题</source>
        <translation>Finding changed</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请填写对策建议：每个问题都要写明怎样整改</source>
        <translation>Enter a suggestion: every finding says how to rectify it</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已修改亮点</source>
        <translation>Highlight changed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已删除问题</source>
        <translation>Finding deleted</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已删除亮点</source>
        <translation>Highlight deleted</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已删除照片</source>
        <translation>Photo deleted</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已撤销本次签到</source>
        <translation>Check-in withdrawn</translation>
    </message>
</context>
<context>
    <name>onsite::platform::CameraPhotoSource</name>
    <message>
        <location filename="../../platform/cameraphotosource.cpp" line="+47"/>
        <location line="+66"/>
        <source>拍照失败：%1</source>
        <translation>Taking the photo failed: %1</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>相机出错：%1</source>
        <translation>Camera error: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>无法创建照片文件夹 %1</source>
        <translation>Cannot create photo folder %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>相机没有就绪，请重试或从文件中选择照片</source>
        <translation>The camera is not ready; try again or choose a photo from a file</translation>
    </message>
</context>
<context>
    <name>onsite::platform::DesktopPhotoSource</name>
    <message>
        <location filename="../../platform/desktopphotosource.cpp" line="+13"/>
        <source>此设备没有相机，请从文件中选择照片</source>
        <translation>This device has no camera; choose a photo from a file</translation>
    </message>
</context>
<context>
    <name>onsite::platform::DesktopPositionSource</name>
    <message>
        <location filename="../../platform/desktoppositionsource.cpp" line="+36"/>
        <source>此设备没有定位功能</source>
        <translation>This device has no positioning</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>此设备没有定位功能；环境变量 %1 的值无效：%2</source>
        <translation>This device has no positioning; the environment variable %1 is invalid: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>“%1”应为“纬度,经度”或“纬度,经度,精度（米）”</source>
        <translation>“%1” should be “latitude,longitude” or “latitude,longitude,accuracy (m)”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>纬度“%1”不是 -90 到 90 之间的数</source>
        <translation>Latitude “%1” is not a number between -90 and 90</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>经度“%1”不是 -180 到 180 之间的数</source>
        <translation>Longitude “%1” is not a number between -180 and 180</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>精度“%1”不是非负的米数</source>
        <translation>Accuracy “%1” is not a non-negative number of meters</translation>
    </message>
</context>
<context>
    <name>onsite::platform::FakePhotoSource</name>
    <message>
        <location filename="../../platform/fakephotosource.cpp" line="+62"/>
        <source>此设备没有相机，请从文件中选择照片</source>
        <translation>This device has no camera; choose a photo from a file</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法创建照片目录 %1</source>
        <translation>Cannot create photo folder %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>无法保存照片 %1：%2</source>
        <translation>Cannot save photo %1: %2</translation>
    </message>
</context>
<context>
    <name>onsite::platform::FakePositionSource</name>
    <message>
        <location filename="../../platform/fakepositionsource.cpp" line="+24"/>
        <source>无法获取位置</source>
        <translation>Cannot get the location</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>此设备没有定位功能</source>
        <translation>This device has no positioning</translation>
    </message>
</context>
<context>
    <name>onsite::platform::ProbeReachability</name>
    <message>
        <location filename="../../platform/probereachability.cpp" line="+23"/>
        <source>无法连接服务器 %1（连接被拒绝）</source>
        <translation>Cannot connect to server %1 (connection refused)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>找不到服务器 %1（请检查地址和网络）</source>
        <translation>Server %1 not found (check the address and the network)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>服务器 %1 没有及时响应</source>
        <translation>Server %1 did not respond in time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>与服务器 %1 的安全连接失败（证书不受信任）</source>
        <translation>Secure connection to server %1 failed (certificate not trusted)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网络不可用</source>
        <translation>Network unavailable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法连接服务器 %1：%2</source>
        <translation>Cannot connect to server %1: %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>尚未设置服务器地址</source>
        <translation>No server address set</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在检查与服务器的连接</source>
        <translation>Checking the connection to the server</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>服务器 %1 暂时不可用（HTTP %2）</source>
        <translation>Server %1 is temporarily unavailable (HTTP %2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 的应答不是 Onsite 服务器（可能需要先登录网络）</source>
        <translation>The answer from %1 is not from an Onsite server (you may need to sign in to the network first)</translation>
    </message>
</context>
<context>
    <name>onsite::platform::QtPositionSource</name>
    <message>
        <location filename="../../platform/qtpositionsource.cpp" line="+43"/>
        <source>没有定位权限，请在系统设置中允许本应用使用位置信息</source>
        <translation>No permission to use the location; allow it for this app in the system settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>定位服务已关闭，请在系统设置中打开</source>
        <translation>Location services are off; turn them on in the system settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 秒内没有取得定位，请到开阔处再试</source>
        <translation>No position fix within %1 seconds; try again in the open</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>定位出错，请稍后再试</source>
        <translation>Positioning failed; please try again later</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>此设备没有定位功能</source>
        <translation>This device has no positioning</translation>
    </message>
</context>
</TS>
