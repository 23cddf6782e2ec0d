package org.cimlang.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * results.parquet: the same columns as results.csv, typed: index int32, a parameter int64 when every value is an
 * integer, double when every value is a number, string otherwise; status and reason strings; figures doubles.
 * Written by the driver with Parquet's own writer (the one Spark SQL uses) into the stream of an atomic write, so
 * the file is one Parquet file that Spark, pandas or DuckDB read, and on a cluster no executor and no shared file
 * system is involved.
 */
final class ParquetResults {
    private ParquetResults() {
    }

    private enum ParameterType { INT64, DOUBLE, STRING }

    static void write(ResultsTable table, OutputStream out) throws IOException {
        List<ParameterType> parameterTypes = table.parameters().stream().map(p -> typeOf(table, p)).toList();
        Types.MessageTypeBuilder schema = Types.buildMessage();
        schema.required(PrimitiveTypeName.INT32).named(ResultsTable.INDEX);
        for (int i = 0; i < parameterTypes.size(); i++) {
            String name = table.parameters().get(i);
            switch (parameterTypes.get(i)) {
                case INT64 -> schema.optional(PrimitiveTypeName.INT64).named(name);
                case DOUBLE -> schema.optional(PrimitiveTypeName.DOUBLE).named(name);
                case STRING -> schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            }
        }
        schema.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ResultsTable.STATUS);
        schema.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(ResultsTable.REASON);
        for (String figure : table.figures()) {
            schema.primitive(PrimitiveTypeName.DOUBLE, Repetition.OPTIONAL).named(figure);
        }
        MessageType type = schema.named("sweep_results");
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new StreamOutputFile(out)).withType(type)
                .withConf(new Configuration(false)).withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
            for (PointOutcome row : table.rows()) {
                Group g = groups.newGroup();
                g.add(ResultsTable.INDEX, row.index());
                for (int i = 0; i < parameterTypes.size(); i++) {
                    String name = table.parameters().get(i);
                    String value = row.parameters().get(name);
                    if (value == null) {
                        continue;
                    }
                    switch (parameterTypes.get(i)) {
                        case INT64 -> g.add(name, Long.parseLong(value));
                        case DOUBLE -> g.add(name, Double.parseDouble(value));
                        case STRING -> g.add(name, value);
                    }
                }
                g.add(ResultsTable.STATUS, row.status().name());
                if (row.reason() != null) {
                    g.add(ResultsTable.REASON, row.reason());
                }
                for (String figure : table.figures()) {
                    Double value = row.figures().get(figure);
                    if (value != null) {
                        g.add(figure, value);
                    }
                }
                writer.write(g);
            }
        }
    }

    private static ParameterType typeOf(ResultsTable table, String parameter) {
        boolean integers = true;
        boolean numbers = true;
        for (PointOutcome row : table.rows()) {
            String value = row.parameters().get(parameter);
            if (value == null) {
                continue;
            }
            integers &= isLong(value);
            numbers &= isDouble(value);
        }
        return integers ? ParameterType.INT64 : numbers ? ParameterType.DOUBLE : ParameterType.STRING;
    }

    private static boolean isLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDouble(String s) {
        // Java also reads "NaN", "Infinity" and "1f": only plain decimal numbers count
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return false;
        }
        Double.parseDouble(s);
        return true;
    }

    /** Parquet's output file over a stream the atomic write owns: Parquet closes only its view, the write closes the file. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() {
                    // the atomic write closes the stream once the content is complete
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "results.parquet";
        }
    }
}
