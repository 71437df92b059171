package org.opensignup.signup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The lottery: everyone in a language's pool is drawn in a random order that favours applicants with
 * fewer applications (weighted sampling without replacement: key = u^applications, largest first, so
 * an applicant with one application is twice as likely to come before one with two). In that order each
 * gets a seat while seats last, then a waiting place while the waiting list has room, else nothing.
 * The same seed and the same pool give the same draw, so every draw can be re-run for audit.
 */
public final class LotteryDraw {
  public record Entry(long attendanceId, long applicantId, long courseId, int applications) {}

  public record CourseRoom(int freeSeats, int waitingRoom) {}

  public enum Result { CONFIRMED, WAITING, REFUSED }

  public record Assignment(Entry entry, Result result) {}

  private LotteryDraw() {}

  public static List<Assignment> draw(List<Entry> pool, Map<Long, CourseRoom> rooms, long seed) {
    List<Entry> ordered = new ArrayList<>(pool);
    ordered.sort(Comparator.comparingLong(Entry::attendanceId));
    SplittableRandom random = new SplittableRandom(seed);
    Map<Entry, Double> keys = new HashMap<>();
    for (Entry e : ordered) {
      double u = random.nextDouble();
      keys.put(e, Math.pow(u, Math.max(1, e.applications())));
    }
    ordered.sort(Comparator.comparingDouble((Entry e) -> keys.get(e)).reversed().thenComparingLong(Entry::attendanceId));
    Map<Long, int[]> left = new HashMap<>();
    rooms.forEach((id, r) -> left.put(id, new int[] {r.freeSeats(), r.waitingRoom()}));
    List<Assignment> out = new ArrayList<>(ordered.size());
    for (Entry e : ordered) {
      int[] room = left.getOrDefault(e.courseId(), new int[] {0, 0});
      if (room[0] > 0) {
        room[0]--;
        out.add(new Assignment(e, Result.CONFIRMED));
      } else if (room[1] > 0) {
        room[1]--;
        out.add(new Assignment(e, Result.WAITING));
      } else {
        out.add(new Assignment(e, Result.REFUSED));
      }
    }
    return out;
  }
}
