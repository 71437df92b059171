<#-- lottery.lost (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Lottery: no seat in ${(course.name)!""}</#assign>
<@t.hello/>

The seats in the course <@t.coursePhrase c=course!{}/> have been drawn by lot. Unfortunately, this time you got neither a seat nor a place on the waiting list, so your signup for this course has ended.

Where other courses still have free seats, you can still sign up for them.

<@t.statusLink/>

<@t.footer/>
