package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet rows without a Spark query, for small tables the driver needs whole ({@code
 * entry_counts}, the draw index's entry buckets) and for the row groups a draw task picks: a query
 * plan, a job and a collect cost seconds where the read itself costs a fraction of one.
 */
final class ParquetRows {
  private ParquetRows() {}

  /** Receives rows; returns false to stop the read. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(Group row);
  }

  /** The data files of {@code dir} (names not starting with {@code _} or {@code .}), by name. */
  static List<Path> dataFiles(Configuration hadoop, String dir) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      List<Path> files = new ArrayList<>();
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(f.getPath());
        }
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Visits the rows of every data file of {@code dir}, in file-name order, with only {@code
   * columns} read; stops early when the visitor says so.
   */
  static void forEach(Configuration hadoop, String dir, List<String> columns, Visitor visitor) {
    for (Path file : dataFiles(hadoop, dir)) {
      try (ParquetFileReader reader =
          ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
        MessageType projection = project(reader.getFileMetaData().getSchema(), columns);
        reader.setRequestedSchema(projection);
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          if (!visit(pages, reader.getFileMetaData().getSchema(), projection, visitor)) {
            return;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Visits the rows of one row group that a reader read with {@code projection}. */
  static boolean visit(
      PageReadStore pages, MessageType fileSchema, MessageType projection, Visitor visitor) {
    RecordReader<Group> records =
        new ColumnIOFactory()
            .getColumnIO(projection, fileSchema)
            .getRecordReader(pages, new GroupRecordConverter(projection));
    for (long i = 0, n = pages.getRowCount(); i < n; i++) {
      if (!visitor.visit(records.read())) {
        return false;
      }
    }
    return true;
  }

  /** The columns of {@code schema} named in {@code columns}, in the file's order. */
  static MessageType project(MessageType schema, List<String> columns) {
    List<Type> fields = new ArrayList<>();
    for (Type field : schema.getFields()) {
      if (columns.contains(field.getName())) {
        fields.add(field);
      }
    }
    if (fields.size() != columns.size()) {
      throw new IllegalStateException(
          "the Parquet schema " + schema + " lacks some of the columns " + columns);
    }
    return new MessageType(schema.getName(), fields);
  }

  /** The int elements of a Spark-written array column (three-level LIST) of {@code row}. */
  static int[] intList(Group row, String column) {
    if (row.getFieldRepetitionCount(column) == 0) {
      return new int[0];
    }
    Group list = row.getGroup(column, 0);
    int n = list.getFieldRepetitionCount(0);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = list.getGroup(0, i).getInteger(0, 0);
    }
    return out;
  }
}
