package org.opensignup.signup;

import org.junit.jupiter.api.Test;
import org.opensignup.signup.LotteryDraw.Assignment;
import org.opensignup.signup.LotteryDraw.CourseRoom;
import org.opensignup.signup.LotteryDraw.Entry;
import org.opensignup.signup.LotteryDraw.Result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LotteryDrawTest {

  /** 30 applicants for one course of 10 seats: 10 with one application, 10 with two, 10 with three. */
  private static List<Entry> pool() {
    List<Entry> pool = new ArrayList<>();
    for (int i = 0; i < 30; i++) pool.add(new Entry(100 + i, i, 1, 1 + i / 10));
    return pool;
  }

  @Test
  void sameSeedAndPoolGiveTheSameDrawWhateverTheInputOrder() {
    List<Entry> shuffled = new ArrayList<>(pool());
    Collections.shuffle(shuffled, new java.util.Random(7));
    Map<Long, CourseRoom> rooms = Map.of(1L, new CourseRoom(10, 5));
    assertEquals(LotteryDraw.draw(pool(), rooms, 42), LotteryDraw.draw(shuffled, rooms, 42));
    assertNotEquals(LotteryDraw.draw(pool(), rooms, 42), LotteryDraw.draw(pool(), rooms, 43));
  }

  @Test
  void seatsThenWaitingPlacesThenNothing() {
    List<Assignment> draw = LotteryDraw.draw(pool(), Map.of(1L, new CourseRoom(10, 5)), 1);
    assertEquals(10, draw.stream().filter(a -> a.result() == Result.CONFIRMED).count());
    assertEquals(5, draw.stream().filter(a -> a.result() == Result.WAITING).count());
    assertEquals(15, draw.stream().filter(a -> a.result() == Result.REFUSED).count());
    // in draw order: all seats come before any waiting place, and waiting before refused
    List<Result> order = draw.stream().map(Assignment::result).toList();
    assertEquals(order.stream().sorted().toList(), order);
  }

  @Test
  void applicantsWithFewerApplicationsWinMoreOften() {
    int[] wins = new int[4];
    for (long seed = 0; seed < 2000; seed++) {
      for (Assignment a : LotteryDraw.draw(pool(), Map.of(1L, new CourseRoom(10, 0)), seed)) {
        if (a.result() == Result.CONFIRMED) wins[a.entry().applications()]++;
      }
    }
    assertTrue(wins[1] > wins[2] && wins[2] > wins[3], "wins by applications: " + wins[1] + " " + wins[2] + " " + wins[3]);
    // the weighting is real, not noise: one application wins clearly more than three (expected ratio about 2:1 or more)
    assertTrue(wins[1] > 1.5 * wins[3], "1 vs 3 applications: " + wins[1] + " vs " + wins[3]);
  }
}
