#include "importerror.h"

namespace onsite {

QString ImportError::toString() const
{
    QString where = file;
    if (line > 0)
        where += QStringLiteral(" 第 %1 行").arg(line);
    if (column > 0)
        where += QStringLiteral("第 %1 列").arg(column);
    if (!columnName.isEmpty())
        where += QStringLiteral("（%1）").arg(columnName);
    return where + QStringLiteral("：") + message;
}

ImportException::ImportException(ImportError error)
    : std::runtime_error(error.toString().toStdString()), m_error(std::move(error))
{
}

} // namespace onsite
