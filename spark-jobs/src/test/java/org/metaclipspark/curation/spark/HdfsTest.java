package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * All three passes on a real HDFS: a NameNode and a DataNode ({@code hadoop-minicluster}) in this
 * JVM on loopback. The shards, a {@code wat.paths} list with relative lines and {@code
 * --input-prefix hdfs://...}, and the vocabulary are read from {@code hdfs://}; every output is
 * written there; the curated rows equal a run on local disk.
 */
@Tag("spark")
class HdfsTest {
  @Test
  void curateReadsAndWritesHdfs(@TempDir Path tmp) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      hdfs.waitActive();
      String root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
      FileSystem fs = hdfs.getFileSystem();
      Path samples = Path.of("..", "samples").toAbsolutePath();
      StringBuilder list = new StringBuilder("# relative to --input-prefix\n");
      try (Stream<Path> shards = Files.list(samples.resolve("wat"))) {
        for (Path shard : shards.sorted().toList()) {
          copy(fs, shard, "/crawl/wat/" + shard.getFileName());
          list.append("crawl/wat/").append(shard.getFileName()).append('\n');
        }
      }
      try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/crawl/wat.paths"))) {
        out.write(list.toString().getBytes(StandardCharsets.UTF_8));
      }
      Path vocab = samples.resolve("vocab/wordnet31-synsets.json");
      copy(fs, vocab, "/vocab.json");

      List<String> onHdfs =
          curate(root + "/crawl/wat.paths", root + "/", root + "/vocab.json", root + "/out");
      for (String dir : List.of("matches", "distinct_pairs", "entry_counts", "curated/t3-seed0")) {
        assertTrue(
            fs.exists(new org.apache.hadoop.fs.Path("/out/" + dir + "/" + Manifest.FILE_NAME)),
            "no manifest in hdfs /out/" + dir);
      }
      List<String> local =
          curate(
              samples.resolve("wat").toString(),
              "",
              vocab.toString(),
              tmp.resolve("local").toString());
      assertTrue(onHdfs.size() > 50, "curated rows on HDFS: " + onHdfs.size());
      assertEquals(local, onHdfs);
    } finally {
      hdfs.shutdown(true);
    }
  }

  private static void copy(FileSystem fs, Path local, String target) throws IOException {
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(target));
  }

  private static List<String> curate(String input, String prefix, String vocab, String out) {
    CurationConfig config =
        CurationConfig.builder()
            .confFile(Path.of("..", "conf", "local.json"))
            .set("input.paths", input, "test")
            .set("input.prefix", prefix, "test")
            .set("metadata.path", vocab, "test")
            .set("output.dir", out, "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      CurateJob.CurateResult r = CurateJob.run(spark, config);
      assertEquals(3, r.match().shards());
      return ClusterRows.curated(spark, r.balance().output());
    } finally {
      spark.stop();
    }
  }
}
