package io.github.flinkkinesis.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The result set wrapper.
 *
 * <ul>
 *   <li>{@code next()}: after {@code maxRows} rows (the statement's {@code setMaxRows}, 0 = no
 *       limit) it returns {@code false} and closes Flink's result set, so that the gateway cancels
 *       the job of an unbounded query.
 *   <li>{@code getString(column)}: text for every column type, {@code null} for NULL (Flink's
 *       {@code getString} reads character columns only): see {@link TextValues}.
 *   <li>{@code getObject(column)}: Flink's object; for the types Flink's {@code getObject} rejects
 *       (ARRAY, ROW) the text form, so that tools which read {@code getObject} first (Zeppelin
 *       checks it for NULL) do not fail.
 *   <li>{@code wasNull()}: whether the column read last is NULL (Flink's answers whether the row is
 *       missing, so {@code getInt} of a NULL reads as 0, not NULL).
 *   <li>{@code getStatement()}: the wrapped statement.
 * </ul>
 */
final class ResultSetHandler extends DelegatingHandler<ResultSet> {

    private final Statement statement;
    private final int maxRows;
    private int rows;
    private boolean limitReached;
    private Object lastColumn;

    private ResultSetHandler(ResultSet delegate, Statement statement, int maxRows) {
        super(ResultSet.class, delegate);
        this.statement = statement;
        this.maxRows = maxRows;
    }

    /**
     * Wraps {@code resultSet} of {@code statement} (the wrapper), ending it after {@code maxRows}.
     */
    static ResultSet wrap(ResultSet resultSet, Statement statement, int maxRows) {
        return new ResultSetHandler(resultSet, statement, maxRows).proxy();
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.startsWith("get")
                && args.length > 0
                && (args[0] instanceof Integer || args[0] instanceof String)) {
            // a column getter: wasNull() answers for this column
            lastColumn = args[0];
        }
        switch (name) {
            case "next":
                lastColumn = null;
                return next();
            case "getString":
                return text(column(args[0]));
            case "getObject":
                return args.length == 1 ? object(column(args[0])) : DELEGATE;
            case "wasNull":
                return lastColumn == null ? DELEGATE : object(column(lastColumn)) == null;
            case "getStatement":
                return statement;
            default:
                return DELEGATE;
        }
    }

    private boolean next() throws SQLException {
        if (limitReached) {
            return false;
        }
        if (maxRows > 0 && rows >= maxRows) {
            limitReached = true;
            // ends the query: the gateway cancels an unbounded query's job
            delegate.close();
            return false;
        }
        boolean more = delegate.next();
        if (more) {
            rows++;
        }
        return more;
    }

    private int column(Object columnIndexOrLabel) throws SQLException {
        return columnIndexOrLabel instanceof String label
                ? delegate.findColumn(label)
                : (Integer) columnIndexOrLabel;
    }

    private String text(int column) throws SQLException {
        int type = delegate.getMetaData().getColumnType(column);
        if (type == Types.CHAR || type == Types.VARCHAR) {
            return delegate.getString(column);
        }
        try {
            return TextValues.format(delegate.getObject(column));
        } catch (SQLDataException unsupportedByFlink) {
            return rawText(column, unsupportedByFlink);
        }
    }

    private Object object(int column) throws SQLException {
        try {
            return delegate.getObject(column);
        } catch (SQLDataException unsupportedByFlink) {
            return rawText(column, unsupportedByFlink);
        }
    }

    private String rawText(int column, SQLDataException unsupportedByFlink) throws SQLException {
        ResultSetMetaData metaData = delegate.getMetaData();
        if (column < 1 || column > metaData.getColumnCount()) {
            throw unsupportedByFlink;
        }
        return FlinkRows.text(delegate, column).orElseThrow(() -> unsupportedByFlink);
    }
}
